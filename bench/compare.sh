#!/usr/bin/env bash
# lt-setup against its yardsticks, measured side by side in one run, on an 80×24 terminal:
# one table with each measure, lt-setup's value, the yardstick's, their ratio, the aim, and
# whether this run met it; under it, for each aim missed, what costs it (measured in this
# run) and what would fix it. Prints figures; never asserts.
#
#   sudo bench/compare.sh            # the full run: about 2.5 minutes on 2 busy cores
#   sudo bench/compare.sh --quick    # fewer runs of each, no 10 M-line flood: under a minute
#   bench/compare.sh --report DIR    # the table of an earlier run again, from the folder it named
#
#   LT_SETUP_BINARY=FILE   measure that lt-setup (e.g. the .deb's /usr/bin/lt-setup)
#   BENCH_BIN_DIR=DIR      take every release product from DIR; otherwise they are built
#                          (swift build -c release) once, before anything is measured
#
# Each measure is one script of bench/, run here in turn; its whole output goes to a log
# (named at the end), its samples to a folder this script reads (BENCH_OUT, lib.sh); that
# folder, under /tmp, is kept for --report:
#   first-frame.sh      first frame of lt-setup (Welcome), whiptail and dialog (a menu of
#                       lt-setup's Proxy screen), the printf floor, and lt-setup's terminal
#                       layer alone painting the same Welcome; start-up (--version) alone;
#                       RSS at the first frame
#   bytes-per-move.sh   bytes written per selection move, and RSS idle after the moves
#   process-reader.sh   lines/s through the runner's process reader against `wc -l`
#   wizard-key-latency.sh  (in the e2e sandbox) key→frame latency idle and while step 4
#                       floods 1 M lines; peak RSS of the wizard and of the runner at
#                       10 k, 1 M and 10 M lines (a run stops at 2 GiB of wizard RSS:
#                       BENCH_RSS_CAP_MIB); RSS as the flood flows and then with the
#                       terminal paused by Ctrl-S
#   overhead.sh         (in the e2e sandbox) `lt-setup apply --yes` of the nginx flow, https
#                       off, against `lt-setup plan --script` run by bash, alternated
# Medians; the spread is p5–p95 when a measure has 20 samples or more, else min–max
# (marked). Ratios are lt-setup over the yardstick, both from this run: compare ratios,
# never absolute times, between machines or runs. The e2e parts need root.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
# Characters, not bytes, in ${#text}: the table's cells are padded by what they show.
export LC_ALL=C.UTF-8

quick=false report=""
case "${1:-}" in
    --quick) quick=true ;;
    --report) report=${2:?--report needs the folder a run named}; [ -s "$report/meta" ] || { echo "compare.sh: $report: no run there" >&2; exit 2; } ;;
    "") ;;
    *) echo "usage: $0 [--quick | --report DIR]" >&2; exit 2 ;;
esac

if [ -z "$report" ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "compare.sh: needs root: the flood and overhead measures run lt-setup for real in the e2e sandbox (sudo $0)" >&2
        exit 1
    fi
    if $quick; then
        ff_runs=8 moves=10 rounds=2 reader_runs=1 flood_runs=1 flood_keys=150 pause=4 pairs=2
    else
        ff_runs=20 moves=20 rounds=5 reader_runs=3 flood_runs=3 flood_keys=300 pause=8 pairs=5
    fi

    work=$(mktemp -d /tmp/lt-setup-compare.XXXXXX)
    chmod 755 "$work"
    export BENCH_OUT=$work/samples
    mkdir -p "$BENCH_OUT"
    log=$work/log
    began=${EPOCHREALTIME/[.,]/}
    read -r load_start _ </proc/loadavg

    # The products, built once (unless given), then taken from one folder by every script.
    mkdir -p "$work/bin"
    for product in lt-setup bench-key-latency bench-process-reader terminal-demo; do
        ln -s "$(bench_product "$product" 2>>"$log")" "$work/bin/$product"
    done
    export BENCH_BIN_DIR=$work/bin
    LT_SETUP_BINARY=$(readlink -f "$work/bin/lt-setup")
    export LT_SETUP_BINARY

    # phase NAME COMMAND...: runs a measure, its output into the log, and says how long it took.
    phase() {
        local name=$1 start=${EPOCHREALTIME/[.,]/} status=0
        shift
        printf '%-66s' "$name"
        { echo; echo "######## $name: $*"; } >>"$log"
        "$@" >>"$log" 2>&1 || status=$?
        printf ' %4d s%s\n' $(((${EPOCHREALTIME/[.,]/} - start) / 1000000)) \
            "$([ "$status" = 0 ] || echo "  (failed: status $status; see the log)")"
    }

    echo "== measuring ($($quick && echo quick || echo full) run; the whole output goes to $log)"
    phase "first frame and start-up ($ff_runs runs of each)" bench/first-frame.sh "$ff_runs"
    phase "bytes per selection move ($rounds rounds of $moves)" bench/bytes-per-move.sh "$moves" "$rounds"
    phase "log reader throughput ($reader_runs runs)" bench/process-reader.sh "$reader_runs"
    phase "keys during a 1 M-line flood ($flood_runs runs, $flood_keys keys)" \
        bench/wizard-key-latency.sh --lines 1000000 --keys "$flood_keys" --runs "$flood_runs"
    phase "RSS during a 10 k-line flood" bench/wizard-key-latency.sh --lines 10000 --keys 0 --runs 1
    $quick || phase "RSS during a 10 M-line flood" bench/wizard-key-latency.sh --lines 10000000 --keys 0 --runs 1
    phase "RSS with the terminal paused ($pause s flowing, $pause s paused)" \
        bench/wizard-key-latency.sh --pause "$pause" --keys 0 --runs 1
    phase "overhead of apply over a script ($pairs pairs)" bench/overhead.sh "$pairs"
    read -r load_end _ </proc/loadavg
    # What the table's heading says, kept with the samples (--report prints it again).
    {
        printf 'run=%q\n' "$($quick && echo quick || echo full) run, $(date -u '+%Y-%m-%d %H:%M UTC'), $(((${EPOCHREALTIME/[.,]/} - began) / 1000000)) s"
        printf 'machine=%q\n' "$(nproc) cores, load $load_start at the start and $load_end at the end (1 min), $(uname -sr)"
        printf 'binary=%q\n' "$("$LT_SETUP_BINARY" --version) ($(du -mL "$LT_SETUP_BINARY" | cut -f1) MB, $(ldd "$LT_SETUP_BINARY" | grep -c 'libFoundation') Foundation libraries linked dynamically): $LT_SETUP_BINARY"
        printf 'foundation=%q\n' "$(ldd "$LT_SETUP_BINARY" | grep -c 'libFoundation')"
        # How the Swift runtime is linked, in lt-setup and in terminal-demo (the same or not).
        printf 'same_linking=%q\n' "$( [ "$(ldd "$LT_SETUP_BINARY" | grep -c libswiftCore)" = "$(ldd "$work/bin/terminal-demo" | grep -c libswiftCore)" ] && echo yes || echo no)"
        printf 'tools=%q\n' "whiptail $(whiptail --version 2>&1 | sed 's/.*: //'), dialog $(dialog --version 2>&1 | sed 's/.*: //'), $(tmux -V)"
        printf 'pause=%q\ndpkg_bytes=%q\ndpkg_packages=%q\n' "$pause" "$(wc -c </var/lib/dpkg/status)" "$(grep -c '^Package:' /var/lib/dpkg/status)"
    } >"$work/meta"
    report=$work
fi
log=$report/log
BENCH_OUT=$report/samples
run="" machine="" binary="" foundation="" same_linking="" tools="" pause="" dpkg_bytes="" dpkg_packages=""
# shellcheck disable=SC1091 # written just above
source "$report/meta"

# --- the table ----------------------------------------------------------------------------------

# load_stats NAME: sets n med p5 p95 p99 lo hi from the samples NAME (n=0 when there are none).
load_stats() {
    n=0 med="" p5="" p95="" p99="" lo="" hi=""
    [ -s "$BENCH_OUT/$1" ] || return 0
    read -r n med p5 p95 p99 lo hi < <(bench_stats "$BENCH_OUT/$1")
}
# value NAME [SCALE] [DECIMALS]: "MEDIAN [LO–HI]" of NAME divided by SCALE; the spread is
# p5–p95 from 20 samples on, else min–max (marked ↕); "—" without samples.
value() {
    load_stats "$1"
    ((n > 0)) || { echo "—"; return; }
    local a=$lo b=$hi mark=" ↕"
    ((n >= 20)) && a=$p5 b=$p95 mark=""
    awk -v m="$med" -v a="$a" -v b="$b" -v s="${2:-1}" -v d="${3:-1}" -v k="$mark" -v n="$n" \
        'BEGIN { f = "%." d "f"; if (n == 1) printf f " (1 run)\n", m / s; else printf f " [" f "–" f "]%s\n", m / s, a / s, b / s, k }'
}
median() { load_stats "$1"; echo "${med:-}"; }
# ratio A B: A / B to 2 decimals, or "—".
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "—"; else printf "%.2f×\n", a / b }' || echo "—"; }
# verdict CONDITION: met or missed (an awk condition), or "—" when a figure is missing.
verdict() { awk "BEGIN { print ($1) ? \"met\" : \"missed\" }"; }
mib() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# row MEASURE LT-SETUP YARDSTICK RATIO AIM VERDICT: one line of the table, in columns.
row() {
    local widths=(46 28 38 9 17) cells=("$@") i line=""
    for i in 0 1 2 3 4; do
        line+=${cells[i]}$(printf '%*s' $((widths[i] - ${#cells[i]} > 1 ? widths[i] - ${#cells[i]} : 1)) '')
    done
    line+=${cells[5]}
    echo "${line%"${line##*[! ]}"}"
}
rule() { printf '%s\n' "$(printf '─%.0s' $(seq 1 145))"; }

echo
echo "== lt-setup against its yardsticks, one run, 80×24 ($run)"
echo "$machine"
echo "$binary"
echo "$tools"
echo "medians [p5–p95], or [min–max] where marked ↕ (fewer than 20 samples); ratios: lt-setup / yardstick"
echo
row "measure" "lt-setup" "yardstick" "ratio" "aim" "this run"
rule

# First frame.
lt_ff=$(median first-frame.lt-setup) wt_ff=$(median first-frame.whiptail)
ff_verdict=$( [ -n "$lt_ff" ] && [ -n "$wt_ff" ] && verdict "$lt_ff <= $wt_ff" || echo "—")
row "first frame, ms" "$(value first-frame.lt-setup 1 2)" "whiptail $(value first-frame.whiptail 1 2)" \
    "$(ratio "$lt_ff" "$wt_ff")" "≤ whiptail" "$ff_verdict"
row "" "" "dialog $(value first-frame.dialog 1 2)" "$(ratio "$lt_ff" "$(median first-frame.dialog)")" "" ""
row "" "" "printf floor $(value first-frame.printf 1 2)" "$(ratio "$lt_ff" "$(median first-frame.printf)")" "" ""
row "  the same Welcome, terminal layer alone" "$(value first-frame.terminal-demo 1 2)" "whiptail" \
    "$(ratio "$(median first-frame.terminal-demo)" "$wt_ff")" "" ""
lt_su=$(median startup.lt-setup) wt_su=$(median startup.whiptail)
row "  start-up alone (--version to exit), ms" "$(value startup.lt-setup 1 2)" "whiptail $(value startup.whiptail 1 2)" \
    "$(ratio "$lt_su" "$wt_su")" "" ""
row "" "" "terminal-demo $(value startup.terminal-demo 1 2)" "$(ratio "$lt_su" "$(median startup.terminal-demo)")" "" ""
row "" "" "/bin/true $(value startup.true 1 2)" "" "" ""

# Bytes per move.
lt_b=$(median bytes-per-move.lt-setup) wt_b=$(median bytes-per-move.whiptail)
row "bytes written per selection move" "$(value bytes-per-move.lt-setup)" "whiptail $(value bytes-per-move.whiptail)" \
    "$(ratio "$lt_b" "$wt_b")" "≤ whiptail" "$( [ -n "$lt_b" ] && [ -n "$wt_b" ] && verdict "$lt_b <= $wt_b" || echo "—")"
row "" "" "dialog $(value bytes-per-move.dialog)" "$(ratio "$lt_b" "$(median bytes-per-move.dialog)")" "" ""

# Key latency.
load_stats key-latency.1000000
fl_n=$n fl_50=$med fl_95=$p95 fl_99=$p99 fl_hi=$hi
load_stats key-latency.idle
id_n=$n id_50=$med id_95=$p95 id_99=$p99
lat_verdict=$( ((fl_n > 0)) && verdict "$fl_99 < 10" || echo "—")
row "key→frame during a 1 M-line flood, ms" "(n=$fl_n)" "the same keys idle (n=$id_n)" "" "" ""
row "  p50" "${fl_50:-—}" "${id_50:-—}" "$(ratio "$fl_50" "$id_50")" "" ""
row "  p95" "${fl_95:-—}" "${id_95:-—}" "$(ratio "$fl_95" "$id_95")" "" ""
row "  p99 (max $fl_hi)" "${fl_99:-—}" "${id_99:-—}" "$(ratio "$fl_99" "$id_99")" "p99 < 10 ms" "$lat_verdict"

# Reader throughput.
row "log reader, M lines/s: seq 1 2000000" "$(value reader-runner.seq 1000000 2)" "wc -l $(value reader-floor.seq 1000000 2)" \
    "$(ratio "$(median reader-runner.seq)" "$(median reader-floor.seq)")" "" "—"
row "  yes | head -n 5000000" "$(value reader-runner.yes 1000000 2)" "wc -l $(value reader-floor.yes 1000000 2)" \
    "$(ratio "$(median reader-runner.yes)" "$(median reader-floor.yes)")" "" ""
row "  wizard showing a 1 M-line flood" "$(value wizard-read-rate.1000000 1000000 2)" \
    "runner wrote it $(value runner-write-rate.1000000 1000000 2)" \
    "$(ratio "$(median wizard-read-rate.1000000)" "$(median runner-write-rate.1000000)")" "" ""

# Memory.
wt_rss=$(median rss-first-frame.whiptail)
rss_row() { # LABEL NAME [CAPPED-NAME]: a row of peak RSS against whiptail's, aim ≤ 16 MiB.
    local m
    m=$(median "$2")
    local shown
    shown="$(value "$2" 1024)"
    [ -n "${3:-}" ] && [ -s "$BENCH_OUT/$3" ] && shown="≥ ${shown% (1 run)}, stopped"
    row "$1" "$shown" "${4:-}" "$(ratio "$m" "$wt_rss")" "≤ 16 MiB" \
        "$( [ -n "$m" ] && verdict "$m <= 16384" || echo "—")"
}
echo
row "peak RSS, MiB" "" "" "" "" ""
rss_row "  idle on Welcome (at its first frame)" rss-first-frame.lt-setup "" "whiptail $(value rss-first-frame.whiptail 1024)"
row "" "" "dialog $(value rss-first-frame.dialog 1024)" "$(ratio "$(median rss-first-frame.lt-setup)" "$(median rss-first-frame.dialog)")" "" ""
rss_row "  idle on Proxy after the moves" rss-idle.lt-setup "" "whiptail $(value rss-idle.whiptail 1024)"
rss_row "  idle on the Run screen (e2e)" rss-wizard.run-screen "" "whiptail idle"
for lines in 10000 1000000 10000000; do
    label=$(awk -v n="$lines" 'BEGIN { print (n >= 1000000 ? n / 1000000 " M" : n / 1000 " k") }')
    rss_row "  wizard, $label-line flood" "rss-wizard.$lines" "capped.$lines" "whiptail idle"
    rss_row "  runner, $label-line flood" "rss-runner.$lines" "" "whiptail idle"
done
for who in wizard runner; do
    small=$(median "rss-$who.10000") big=$(median "rss-$who.10000000")
    [ -n "$big" ] || big=$(median "rss-$who.1000000")
    row "  $who flat: largest flood / 10 k" "$( [ -n "$small" ] && [ -n "$big" ] && ratio "$big" "$small" || echo "—")" "" "" "≤ 1.10× (flat)" \
        "$( [ -n "$small" ] && [ -n "$big" ] && verdict "$big <= 1.10 * $small" || echo "—")"
done
flow_g=$(median rss-growth.flowing) pause_g=$(median rss-growth.paused)
row "  wizard growth, flood flowing ($pause s)" "$( [ -n "$flow_g" ] && echo "+$(mib "$flow_g")" || echo "—")" "" "" "" ""
if [ -n "$pause_g" ]; then
    row "  wizard growth, terminal paused ($pause s)" "+$(mib "$pause_g")" "" "" "≤ +1 MiB (flat)" "$(verdict "$pause_g <= 1024")"
else
    row "  wizard growth, terminal paused ($pause s)" "not reached: the cap" "" "" "≤ +1 MiB (flat)" "missed"
fi

# Overhead.
lt_o=$(median overhead.lt-setup) sc_o=$(median overhead.script)
echo
row "nginx flow, https off, wall ms" "apply $(value overhead.lt-setup 1 0)" "script $(value overhead.script 1 0)" \
    "$(ratio "$lt_o" "$sc_o")" "≤ 1.05×" "$( [ -n "$lt_o" ] && [ -n "$sc_o" ] && verdict "$lt_o <= 1.05 * $sc_o" || echo "—")"
steps=$(median overhead.steps) pre=$(median overhead.preflight) ver=$(median overhead.verify)
plan=$(median overhead.plan) plan_small=$(median overhead.plan-small-dpkg)
row "  apply's steps (its report, 0.1 s units)" "$(value overhead.steps 1 0)" "" "" "" ""
row "  preflight alone" "$(value overhead.preflight 1 0)" "" "" "" ""
row "  verify alone" "$(value overhead.verify 1 0)" "" "" "" ""
bookkeeping=$(awk -v t="$lt_o" -v s="$steps" -v p="$pre" -v v="$ver" 'BEGIN { if (t == "") print ""; else printf "%.0f", t - s - p - v }')
row "  the rest: runner, session, between steps" "${bookkeeping:-—}" "" "" "" ""
row "  one plan (lt-setup plan), whole dpkg status" "$(value overhead.plan 1 0)" \
    "cut to lt-setup's packages $(value overhead.plan-small-dpkg 1 0)" "$(ratio "$plan" "$plan_small")" "" ""
rule

# --- notes on the aims missed ---------------------------------------------------------------------
echo
echo "== what the missed aims cost (this run's figures) and what would fix them"
# note: a paragraph from stdin, wrapped at 116 columns under its "- ".
note() { tr '\n' ' ' | sed 's/  */ /g; s/ $//' | fold -s -w 116 | sed 's/ *$//; 1!s/^/  /'; echo; }
if [ "$ff_verdict" = missed ]; then
    awk -v lt="$lt_ff" -v wt="$wt_ff" -v su="$lt_su" -v wsu="$wt_su" -v tr="$(median startup.true)" \
        -v demo="$(median first-frame.terminal-demo)" -v dsu="$(median startup.terminal-demo)" \
        -v foundation="$foundation" -v same="$same_linking" 'BEGIN {
        printf "- First frame: %.1f ms against whiptail %.1f. Start-up alone (exec to exit of --version) is %.1f ms against\n", lt, wt, su
        printf "  whiptail %.1f and /bin/true %.1f: %.1f ms of the gap come before main, with %s.\n", wsu, tr, su - wsu,
            (foundation > 0 ? foundation " Foundation libraries loaded dynamically" : "Foundation linked in")
        if (same == "yes") {
            printf "  terminal-demo, the same Swift runtime and terminal layer without Foundation, starts in %.1f ms: %.1f ms are\n", dsu, su - dsu
            printf "  Foundation'"'"'s load and the rest of what lt-setup links. After start-up, lt-setup takes %.1f ms to its frame,\n", lt - su
            printf "  terminal-demo %.1f to paint the same Welcome: %.1f ms are the wizard'"'"'s own start (reading the server'"'"'s\n", demo - dsu, (lt - su) - (demo - dsu)
            printf "  files and its session, building the first screen).\n"
        } else {
            printf "  (terminal-demo, %.1f ms to the same Welcome, links its Swift runtime otherwise: not comparable here.)\n", demo
        }
        printf "  Fix: keep Foundation out of the wizard'"'"'s path (LTSetupCore and the terminal layer are free of it; the app\n"
        printf "  and runtime import it for JSON and a few helpers), link statically (as the .deb does: measure it with\n"
        printf "  LT_SETUP_BINARY), and read only what the Welcome screen shows before painting it.\n" }' | note
fi
if [ "$lat_verdict" = missed ]; then
    awk -v p99="$fl_99" -v hi="$fl_hi" -v n="$fl_n" -v rate="$(median wizard-read-rate.1000000)" -v w="$(median rss-wizard.1000000)" 'BEGIN {
        printf "- Keys during a flood: p99 %.0f ms (the slowest %.0f ms, %d keys). Meanwhile the wizard took the flood in at\n", p99, hi, n
        printf "  %.0f lines/s, with a peak RSS of %.0f MiB. A key waits for one turn of the wizard'"'"'s loop: the piece of the\n", rate, w / 1024
        printf "  log it is reading (RunFollower.Pace.wizard: at most 256 lines) and the paint that follows; on 2 busy\n"
        printf "  cores, for the scheduler too (compare the same keys idle).\n" }' | note
fi
rss_missed=false
for name in rss-first-frame.lt-setup rss-wizard.10000 rss-wizard.1000000 rss-wizard.10000000 rss-runner.10000; do
    m=$(median "$name")
    [ -z "$m" ] || ((m <= 16384)) || rss_missed=true
done
if $rss_missed || [ -z "$pause_g" ] || awk -v g="$pause_g" 'BEGIN { exit !(g > 1024) }'; then
    awk -v idle="$(median rss-first-frame.lt-setup)" -v demo="$(median rss-first-frame.terminal-demo)" -v wt="$wt_rss" \
        -v runner="$(median rss-runner.10000)" -v g="$flow_g" -v s="$pause" -v big="$(median rss-wizard.10000000)" \
        -v capped="$([ -s "$BENCH_OUT/capped.10000000" ] && echo 1 || echo 0)" -v same="$same_linking" \
        -v run_screen="$(median rss-wizard.run-screen)" 'BEGIN {
        printf "- Memory: idle at its first frame %.1f MiB (whiptail %.1f), %.1f MiB on the Run screen before a run.", idle / 1024, wt / 1024, run_screen / 1024
        if (same == "yes")
            printf " The same runtime and terminal layer without Foundation (terminal-demo) holds %.1f MiB on the same Welcome: %.1f MiB are Foundation and the wizard'"'"'s own state.", demo / 1024, (idle - demo) / 1024
        printf " The runner, the same binary, holds %.1f MiB doing its\n", runner / 1024
        printf "  steps. During a flood the wizard held"
        if (big != "") printf " %s%.0f MiB at 10 M lines", (capped ? ">= " : ""), big / 1024
        if (g != "") printf ", and grew by %.0f MiB in %d s of a flood without end before any pause", g / 1024, s
        printf ".\n  What is left over 16 MiB idle is the process itself: the Swift runtime, Foundation (static in the .deb:\n"
        printf "  measure it with LT_SETUP_BINARY) and the wizard'"'"'s state; the log pane keeps its last lines only.\n" }' | note
fi
if [ -n "$lt_o" ] && [ -n "$sc_o" ] && awk -v a="$lt_o" -v b="$sc_o" 'BEGIN { exit !(a > 1.05 * b) }'; then
    awk -v a="$lt_o" -v b="$sc_o" -v s="$steps" -v p="$pre" -v v="$ver" -v k="$bookkeeping" -v plan="$plan" \
        -v small="$plan_small" -v dpkg="$dpkg_bytes" -v packages="$dpkg_packages" 'BEGIN {
        printf "- Overhead: apply %.0f ms against the script'"'"'s %.0f. Its preflight checks take %.0f ms and its verification %.0f\n", a, b, p, v
        printf "  (work the script does not do; --skip-preflight leaves the first out), the steps %.0f ms by its own report\n", s
        printf "  (0.1 s units), and %.0f ms go to the rest: starting the detached runner, the session, backups and logs written\n", k
        printf "  and fsynced at each transition, and the plan made again at each step'"'"'s start. One plan takes %.0f ms here,\n", plan
        printf "  %.0f ms when dpkg'"'"'s status file holds only the packages lt-setup asks about instead of this machine'"'"'s %d (%.0f KB):\n", small, packages, dpkg / 1000
        printf "  %.0f ms of each plan is reading that file. Fix: read it once per run; check a step'"'"'s state without making\n", plan - small
        printf "  the whole plan again; start fewer processes around the steps.\n" }' | note
fi
echo
echo "The whole output of each measure: $log (kept)."
