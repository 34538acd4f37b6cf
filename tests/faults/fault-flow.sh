#!/usr/bin/env bash
# What every fault check shares: this repository's paths and the e2e helpers it builds on
# (wait.sh, assert.sh, flow.sh). Source it at the top of a script in this folder, after
# setting FAULTS_DIR to this folder; it sets REPO and E2E_DIR.
# shellcheck shell=bash source-path=SCRIPTDIR
REPO=$(cd "$FAULTS_DIR/../.." && pwd)
E2E_DIR=$REPO/tests/e2e
# shellcheck source=../e2e/wait.sh
source "$E2E_DIR/wait.sh"
# shellcheck source=../e2e/assert.sh
source "$E2E_DIR/assert.sh"
# shellcheck source=../e2e/flow.sh
source "$E2E_DIR/flow.sh"
