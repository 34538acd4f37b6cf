#!/usr/bin/env bash
# The phases of the `lt-setup apply` flow, shared by apply-e2e.sh (this machine's Debian) and
# bullseye-e2e.sh (Debian 11, with certbot 1.12 or 0.40). Source after wait.sh, assert.sh,
# flow.sh, pebble.sh, servers.sh, tls.sh and checks.sh; LT is the lt-setup to test.
#
#   apply_flow_setup PROXY   the flow's variables for nginx or apache
#   apply_flow_phases        every phase, in order (see apply-e2e.sh's header)
# shellcheck shell=bash

apply_flow_setup() {
    PROXY=$1
    DOMAIN=$E2E_DOMAIN
    LIVE=/etc/letsencrypt/live/$DOMAIN
    ROOT_CA=$E2E_WORK/pebble-root.pem
    ANSWERS=$E2E_WORK/answers.yml
    case "$PROXY" in
        nginx) SERVER=nginx SITES=/etc/nginx SITE=/etc/nginx/sites-available/$DOMAIN.conf
            ENABLED=/etc/nginx/sites-enabled/$DOMAIN.conf
            DEFAULT=/etc/nginx/sites-enabled/default BROKEN=/etc/nginx/conf.d/broken.conf ;;
        apache) SERVER=apache2 SITES=/etc/apache2 SITE=/etc/apache2/sites-available/$DOMAIN.conf
            ENABLED=/etc/apache2/sites-enabled/$DOMAIN.conf
            DEFAULT=/etc/apache2/sites-enabled/000-default.conf BROKEN=/etc/apache2/conf-enabled/broken.conf ;;
        *) echo "unknown proxy '$PROXY'" >&2; exit 2 ;;
    esac
    # lt-setup marks its checks with ✔ ⚠ ✖ only in a UTF-8 locale.
    export LC_ALL=C.UTF-8
    # Its reports wrap at the terminal's width, else at COLUMNS, else at 80: wide here, so
    # that what a check saw stays on one line for the assertions that look for it.
    export COLUMNS=400
}

apply_flow_phases() {
    phase "servers as on a LibreTime server" start_servers
    phase "preflight" preflight
    phase "a failing config test changes nothing live" broken_config
    phase "apply, then its runner, killed while certbot runs" apply_killed
    phase "apply again resumes" apply_resumes
    phase "verify" verify
    phase "secrets stay root's" secrets_stay_roots
    phase "verify sees a broken bundle" verify_broken_bundle
    phase "https checks" check_https
    phase "icecast tls" check_icecast
    phase "libretime config" check_libretime_config
    phase "forced renewal" forced_renewal
    phase "a second apply changes nothing" second_apply
    phase "attacks on lt-setup's own files are refused" state_attacks
    phase "undo" undo
    phase "apply after an undo starts anew" apply_after_undo
    phase "a certificate from another ACME server is replaced" apply_other_acme_server
}

start_servers() {
    # A flow in another system has pebble started already, from this machine.
    if [ -z "${ACME_DIRECTORY:-}" ]; then
        require "pebble answers" pebble_start
    fi
    require "pebble's issuing root is served" pebble_root "$ROOT_CA"
    # What an operator of a private ACME CA does: REQUESTS_CA_BUNDLE trusts the CA's listener
    # (for certbot) and its issuing root (for lt-setup verify's curl and openssl).
    cat "$PEBBLE_LISTENER_CA" "$ROOT_CA" >"$E2E_WORK/trusted.pem"
    export REQUESTS_CA_BUNDLE=$E2E_WORK/trusted.pem
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
    require "icecast2 runs, as LibreTime keeps it" server_start icecast2 8000
    require "$SERVER serves its default site" server_start "$SERVER" 80
    if [ "$PROXY" = apache ]; then
        # systemd's directory and a systemctl stand-in: the systemd path of lt-setup and of
        # its renewal hook, behind the same command line.
        mkdir -p /run/systemd/system
        require "the systemctl stand-in is installed" install_stand_in systemctl "$E2E_DIR/fake-systemctl"
    fi
    # LibreTime's own nginx site as its installer renders it (not enabled here: only its
    # listen port is read, by preflight).
    printf 'server {\n  listen 8080;\n  listen [::]:8080;\n}\n' >/etc/nginx/sites-available/libretime.conf
    cp /etc/libretime/config.yml "$E2E_WORK/config.yml.before"
    cp /etc/icecast2/icecast.xml "$E2E_WORK/icecast.xml.before"
    printf 'proxy: %s\ndomain: %s\nemail: admin@example.org\nacme_server: %s\n' \
        "$PROXY" "$DOMAIN" "$ACME_DIRECTORY" >"$ANSWERS"
}

# The check lines of lt-setup's report (`✔ Title [id]`), and those marked with glyph $1.
check_lines() {
    grep -E "^(✔|⚠|✖) .*\[[a-z0-9-]+\]$" "$1" || true
}

preflight() {
    local status=0 out=$E2E_WORK/preflight.out
    LC_ALL=C.UTF-8 "$LT" preflight --answers "$ANSWERS" >"$out" 2>&1 || status=$?
    check_lines "$out" | sed 's/^/#   /'
    assert_eq "preflight passes its hard checks (exit 0)" 0 "$status"
    assert_eq "no check failed" "" "$(check_lines "$out" | grep '^✖' || true)"
    assert_contains "it runs as root" "$(cat "$out")" "✔ Running as root [root]"
    assert_contains "it reads LibreTime's listen port" "$(cat "$out")" \
        "LibreTime's nginx site listens on port 8080"
    assert_contains "the backend answers LibreTime's version" "$(cat "$out")" \
        "answers 200: LibreTime's API version 2.0.0"
    assert_contains "port 80 is held by $SERVER, the chosen proxy" "$(cat "$out")" \
        "Port 80 is held by $SERVER (pid"
    assert_contains "the domain resolves here to loopback: a warning" "$(cat "$out")" \
        "⚠ $DOMAIN points to this server [domain]"
    assert_contains "what certbot's version means for the hook is explained" "$(cat "$out")" "before 5.3, certbot ignores"
    # (The report wraps its lines: the address is looked for on its own.)
    assert_contains "it reads the ACME server's terms of service from pebble's directory" "$(cat "$out")" \
        "data:text/plain,Do%20what%20thou%20wilt"
    assert_contains "it ends ready to apply" "$(cat "$out")" "✔ Ready to apply"
}

broken_config() {
    echo "this is not a valid directive;" >"$BROKEN"
    local pid_before status=0
    pid_before=$(server_pids "$SERVER")
    "$LT" apply --answers "$ANSWERS" --yes >"$E2E_WORK/broken.out" 2>&1 || status=$?
    assert_eq "apply fails when the config test fails" 1 "$status"
    assert_contains "it says the configuration test failed and the files were put back" \
        "$(cat "$E2E_WORK/broken.out")" "the configuration test failed; the previous files were put back"
    assert_eq "our site file was removed again" absent "$([ -e "$SITE" ] && echo present || echo absent)"
    assert_cmd "the default site is enabled again" test -L "$DEFAULT"
    assert_eq "$SERVER was not restarted" "$pid_before" "$(server_pids "$SERVER")"
    assert_eq "$SERVER still serves its old site" 200 \
        "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://127.0.0.1/ || true)"
    # The failed step put its files back: undo finds nothing to do, and no false conflict.
    status=0
    "$LT" undo >"$E2E_WORK/undo-broken.out" 2>&1 || status=$?
    assert_eq "undo after it succeeds (exit 0)" 0 "$status"
    assert_contains "undo says every file is as it was" "$(cat "$E2E_WORK/undo-broken.out")" "Nothing to undo"
    rm -f "$BROKEN"
}

# The state of the session's certificate step, from the session file: its status, and
# "program" once the session names the program it runs.
certificate_state() {
    /usr/bin/python3 -c 'import json,sys
s = json.load(open("/var/lib/lt-setup/session.json"))
r = next(r for r in s["steps"] if r["id"] == "certificate")
print(r["status"] + (" program" if r.get("program") else ""))' 2>/dev/null || true
}

certbot_running() {
    [ "$(certificate_state)" = "running program" ] && pgrep -f 'certbot --' >/dev/null
}

# mode_watch_start / mode_watch_stop: every state the files of Icecast's folder and of
# lt-setup's own folders pass through between the two, recorded by mode-watch.py (inotify,
# then lstat) in $E2E_WORK/modes.log, for secrets_stay_roots.
mode_watch_start() {
    python3 "$E2E_DIR/mode-watch.py" "$E2E_WORK/modes.log" /etc/icecast2 /var/lib/lt-setup /var/log/lt-setup \
        >"$E2E_WORK/mode-watch.out" 2>&1 &
    MODE_WATCH=$!
    wait_until 10 "the mode watcher to be ready" grep -q '^ready' "$E2E_WORK/mode-watch.out"
}

mode_watch_stop() {
    kill -TERM "$MODE_WATCH" 2>/dev/null || true
    wait "$MODE_WATCH" 2>/dev/null || true
}

# The run is its runner's, not apply's: apply killed with SIGKILL while certbot runs leaves
# the run going. Then the runner itself is killed, and the next apply must resume.
apply_killed() {
    require "a watcher records every mode the files pass through during the runs" mode_watch_start
    "$LT" apply --answers "$ANSWERS" --yes >"$E2E_WORK/killed.out" 2>&1 &
    local apply=$!
    if wait_until 60 "certbot to run under lt-setup" certbot_running; then
        kill -KILL "$apply"
        wait "$apply" 2>/dev/null || true
        pass "apply was killed with SIGKILL while certbot ran"
    else
        wait "$apply" || true
        fail "apply was killed with SIGKILL while certbot ran" "$(tail -n 20 "$E2E_WORK/killed.out")"
    fi
    local runner
    runner=$(runner_pid)
    assert_cmd "the run's runner ($runner) goes on without apply" pid_alive "$runner"
    assert_cmd "the runner is no child of apply's terminal: it leads no session, and has none of apply's" \
        test "$(ps -o sid= -p "$runner" | tr -d ' ')" != "$runner" -a "$(ps -o sid= -p "$runner" | tr -d ' ')" != "$(ps -o sid= -p $$ | tr -d ' ')"
    assert_eq "the runner's stdin is /dev/null" /dev/null "$(readlink "/proc/$runner/fd/0")"
    require "the runner is killed with SIGKILL while certbot runs" kill -KILL "$runner"
    wait_until 10 "the runner to die" pid_gone "$runner" || true
    assert_eq "the session still shows the certificate step running" "running program" "$(certificate_state)"
}

apply_resumes() {
    local status=0
    "$LT" apply --answers "$ANSWERS" --yes --verbose >"$E2E_WORK/resume.out" 2>&1 || status=$?
    grep -v '│' "$E2E_WORK/resume.out" | sed 's/^/#   /'
    assert_eq "the second apply completes" 0 "$status"
    assert_contains "it resumes the session" "$(cat "$E2E_WORK/resume.out")" "Resuming session"
    # certbot writes into its log file, not a pipe, so it outlives the killed runner.
    assert_contains "it waits for the certbot the killed run left behind" \
        "$(cat "$E2E_WORK/resume.out")" "left running by the previous lt-setup"
    assert_contains "every step is done" "$(cat "$E2E_WORK/resume.out")" "All steps done"
    assert_eq "one certificate lineage, named after the domain" "$DOMAIN" "$(find /etc/letsencrypt/live -mindepth 1 -maxdepth 1 -type d -printf '%f\n')"
    assert_contains "apply ran preflight first" "$(cat "$E2E_WORK/resume.out")" "Preflight: "
    assert_contains "apply says which terms starting the run agrees to" "$(cat "$E2E_WORK/resume.out")" \
        "The run agrees to the terms of service of $ACME_DIRECTORY (certbot --agree-tos): data:text/plain,Do%20what%20thou%20wilt"
    assert_contains "apply verified the station after the last step" "$(cat "$E2E_WORK/resume.out")" \
        "✔ The station works"
    mode_watch_stop
}

# After a run with https: what lt-setup wrote of its own is root's alone (folders 0700,
# files 0600: the session, its logs, its backups), and no log, session or manifest holds a
# private key (the backups' copy of the replaced bundle.pem may, inside its 0700 folder).
secrets_stay_roots() {
    local session folders files
    session=$(python3 -c 'import json; print(json.load(open("/var/lib/lt-setup/session.json"))["id"])')
    # (/var/lib/lt-setup itself is the sandbox's, made before lt-setup ran.)
    folders=(/var/lib/lt-setup/backups "/var/lib/lt-setup/backups/$session" "/var/log/lt-setup/$session")
    assert_eq "lt-setup's folders are 0700 root" "" \
        "$(stat -c '%n %a %U' "${folders[@]}" | grep -v ' 700 root$' || true)"
    files=$(find /var/lib/lt-setup "/var/log/lt-setup/$session" /var/log/lt-setup/runner.log -type f -printf '%p %m %u\n')
    assert_eq "its files are 0600 root" "" "$(grep -v ' 600 root$' <<<"$files" || true)"
    assert_cmd "the backups hold files" test "$(find "/var/lib/lt-setup/backups/$session" -type f | wc -l)" -gt 1
    assert_eq "no log, session or manifest holds a private key" "" \
        "$(grep -rl 'PRIVATE KEY' /var/log/lt-setup /var/lib/lt-setup/session.json "/var/lib/lt-setup/backups/$session/manifest.json" 2>/dev/null || true)"
    assert_eq "Icecast's bundle, which holds one, is root:icecast 0640" "root:icecast 640" "$(stat -c '%U:%G %a' /etc/icecast2/bundle.pem)"

    # At every moment of the runs, not only at their end (mode_watch_start … stop).
    local modes=$E2E_WORK/modes.log bundles
    bundles=$(grep -E ' /etc/icecast2/\.?bundle\.pem' "$modes" || true)
    assert_contains "the watcher saw the bundle made under a temporary name" "$bundles" ".bundle.pem.lt-setup-"
    echo "# states of the bundle and its temporaries seen while it was made: $(wc -l <<<"$bundles")"
    assert_eq "the bundle and its temporaries were never readable by others, in any state" "" \
        "$(awk '$1 !~ /0$/' <<<"$bundles")"
    assert_eq "while the runs went on, lt-setup's files were 0600 and its folders 0700, root's" "" \
        "$(grep -E ' (/var/lib/lt-setup|/var/log/lt-setup)/' "$modes" \
            | awk '!(($4 == "d" && $1 == "700") || ($4 != "d" && $1 == "600")) || $2 != 0' | sort -u)"
}

verify() {
    local status=0 out=$E2E_WORK/verify.out
    LC_ALL=C.UTF-8 "$LT" verify --answers "$ANSWERS" >"$out" 2>&1 || status=$?
    check_lines "$out" | sed 's/^/#   /'
    assert_eq "verify succeeds (exit 0)" 0 "$status"
    assert_eq "it reports 10 checks" 10 "$(check_lines "$out" | wc -l)"
    assert_eq "every check is ✔ or ⚠" "" "$(check_lines "$out" | grep -v '^[✔⚠]' || true)"
    assert_contains "Icecast's TLS check compares the served certificate with the live one" \
        "$(cat "$out")" "✔ Icecast serves the live certificate over TLS on port 8443 [icecast-tls]"
    assert_contains "a stream without a source is a warning" "$(cat "$out")" \
        "⚠ The streams answer at their public URLs [icecast-mounts]"
}

verify_broken_bundle() {
    local status=0 out=$E2E_WORK/verify-broken.out
    local hook=/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-$DOMAIN.sh
    echo "not a certificate" >/etc/icecast2/bundle.pem
    require "Icecast restarts with a broken bundle" server_restart icecast2 8000 8443
    LC_ALL=C.UTF-8 "$LT" verify --answers "$ANSWERS" >"$out" 2>&1 || status=$?
    check_lines "$out" | grep '^✖' | sed 's/^/#   /'
    assert_eq "verify fails (exit 1)" 1 "$status"
    assert_contains "it names Icecast's TLS check" "$(cat "$out")" \
        "✖ Icecast serves the live certificate over TLS on port 8443 [icecast-tls]"
    assert_contains "it sees plain HTTP where TLS should be" "$(cat "$out")" "answers in plain HTTP"
    assert_contains "it names the broken bundle" "$(cat "$out")" "✖ Icecast's bundle is the live certificate and key [icecast-bundle]"
    require "the renewal hook restores the bundle" env RENEWED_LINEAGE="$LIVE" "$hook"
    local live
    live=$(cert_fingerprint "$LIVE/cert.pem")
    assert_icecast_serves "Icecast serves the live certificate again" "$live"
}

check_libretime_config() {
    local changes
    changes=$(diff "$E2E_WORK/config.yml.before" /etc/libretime/config.yml | grep '^[<>]' || true)
    assert_eq "config.yml changed only in its two public_url lines" \
        "$(printf '<   public_url:\n>   public_url: https://%s\n<         public_url:\n>         public_url: https://%s:8443/main' "$DOMAIN" "$DOMAIN")" \
        "$changes"
    if [ "$PROXY" = apache ]; then
        assert_contains "LibreTime was restarted through systemctl" "$(cat /run/fake-systemctl.restarts)" libretime.target
    else
        assert_contains "without systemd, the LibreTime restart is left to the operator" \
            "$("$LT" status)" "restart LibreTime yourself"
    fi
}

forced_renewal() {
    local before
    before=$(cert_fingerprint "$LIVE/cert.pem")
    require "certbot renew --force-renewal succeeds" \
        certbot renew --force-renewal --cert-name "$DOMAIN" --server "$ACME_DIRECTORY" --no-random-sleep-on-renew
    local renewed
    renewed=$(cert_fingerprint "$LIVE/cert.pem")
    assert_ne "the renewal gave a new certificate" "$before" "$renewed"
    assert_eq "lt-setup's hook rebuilt the bundle from it" \
        "$(cat "$LIVE/fullchain.pem" "$LIVE/privkey.pem" | sha256sum)" "$(sha256sum </etc/icecast2/bundle.pem)"
    assert_icecast_serves "Icecast serves the renewed certificate" "$renewed"
}

# What apply may change, with contents, to compare before and after.
configuration_state() {
    find "$SITES" /etc/icecast2 /etc/libretime /etc/letsencrypt/renewal-hooks /etc/letsencrypt/renewal \
        -printf '%p %y %m %u:%g %l\n' | sort
    find "$SITES" /etc/icecast2 /etc/libretime /etc/letsencrypt/renewal-hooks /etc/letsencrypt/renewal \
        -type f -exec sha256sum {} + | sort -k 2
}

second_apply() {
    local before status=0
    before=$(configuration_state)
    "$LT" apply --answers "$ANSWERS" --yes >"$E2E_WORK/second.out" 2>&1 || status=$?
    assert_eq "the second apply succeeds" 0 "$status"
    assert_contains "it finds every step done" "$(cat "$E2E_WORK/second.out")" "All steps done (0 changed the server)"
    assert_eq "it changed no file" "$before" "$(configuration_state)"
}

# What a local user, or a tampered file, could try against lt-setup's state, each reproduced
# here as it was found: nothing may be followed, run or changed, and each refusal says why.
state_attacks() {
    local out=$E2E_WORK/attack.out status before hook
    hook=/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-$DOMAIN.sh
    before=$(configuration_state)
    # A state folder others may write to.
    chmod 0777 /var/lib/lt-setup
    status=0
    "$LT" apply --answers "$ANSWERS" --yes >"$out" 2>&1 || status=$?
    assert_eq "apply refuses a /var/lib/lt-setup others may write to" 1 "$status"
    assert_contains "it names the folder and the fix" "$(cat "$out")" \
        "/var/lib/lt-setup may be changed by other users (mode 777)"
    chmod 0700 /var/lib/lt-setup
    # The lock made a link to a file of root's: it was truncated and written with a pid.
    printf "root's own\n" >"$E2E_WORK/victim"
    rm -f /var/lib/lt-setup/session.json.lock
    ln -s "$E2E_WORK/victim" /var/lib/lt-setup/session.json.lock
    status=0
    "$LT" apply --answers "$ANSWERS" --yes >"$out" 2>&1 || status=$?
    assert_eq "apply refuses a linked lock" 1 "$status"
    assert_contains "it says the lock is a link" "$(cat "$out")" "session.json.lock is a symbolic link"
    assert_eq "the link's target is untouched" "root's own" "$(cat "$E2E_WORK/victim")"
    rm -f /var/lib/lt-setup/session.json.lock
    # The session's domain made a command: it reached the root-run renewal hook.
    cp /var/lib/lt-setup/session.json "$E2E_WORK/session.json.good"
    python3 -c 'import json, sys
s = json.load(open(sys.argv[1]))
s["answers"]["domain"] = "'"'"'$(touch /PWNED)'"'"'"
json.dump(s, open(sys.argv[1], "w"))' /var/lib/lt-setup/session.json
    status=0
    "$LT" apply --answers "$ANSWERS" --yes >"$out" 2>&1 || status=$?
    assert_eq "apply refuses the tampered session" 1 "$status"
    assert_contains "it says the session was not written by lt-setup" "$(cat "$out")" "was not written by lt-setup as it is"
    assert_eq "nothing ran the domain" absent "$([ -e /PWNED ] && echo present || echo absent)"
    assert_cmd "the renewal hook names the real domain only" grep -q "$DOMAIN" "$hook"
    assert_eq "the hook holds no command substitution" "" "$(grep -F '$(touch' "$hook" || true)"
    cp "$E2E_WORK/session.json.good" /var/lib/lt-setup/session.json
    # A preview folder prepared with a link to /etc: render would have written through it.
    mkdir -p "$E2E_WORK/prepared"
    ln -sfn /etc "$E2E_WORK/prepared/etc"
    status=0
    "$LT" render --answers "$ANSWERS" --out "$E2E_WORK/prepared" >"$out" 2>&1 || status=$?
    assert_eq "render refuses a prepared folder" 1 "$status"
    assert_contains "it says why" "$(cat "$out")" "it is not empty"
    assert_eq "no file of the server changed" "$before" "$(configuration_state)"
}

undo() {
    local status=0
    "$LT" undo >"$E2E_WORK/undo.out" 2>&1 || status=$?
    sed 's/^/#   /' "$E2E_WORK/undo.out"
    assert_eq "undo succeeds" 0 "$status"
    assert_eq "our site file is gone" absent "$([ -e "$SITE" ] && echo present || echo absent)"
    assert_cmd "the default site is back" test -L "$DEFAULT"
    assert_cmd "icecast.xml is as before" cmp -s "$E2E_WORK/icecast.xml.before" /etc/icecast2/icecast.xml
    assert_cmd "config.yml is as before" cmp -s "$E2E_WORK/config.yml.before" /etc/libretime/config.yml
    assert_eq "$SERVER serves its default site again" 200 \
        "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://127.0.0.1/ || true)"
}

# A run that stops part way (config.yml cannot be written), is undone, then run again: the
# undone session is not resumed; the new run does every step again, from the server as undo
# left it.
apply_after_undo() {
    local answers=$E2E_WORK/http-answers.yml status=0
    printf 'proxy: %s\ndomain: %s\nhttps: false\n' "$PROXY" "$DOMAIN" >"$answers"
    mount --bind /etc/libretime /etc/libretime
    mount -o remount,bind,ro /etc/libretime
    "$LT" apply --answers "$answers" --yes >"$E2E_WORK/stopped.out" 2>&1 || status=$?
    assert_eq "apply stops when config.yml cannot be written" 1 "$status"
    assert_cmd "the site was enabled before that step" test -e "$ENABLED"
    status=0
    "$LT" undo >"$E2E_WORK/undo-stopped.out" 2>&1 || status=$?
    sed 's/^/#   /' "$E2E_WORK/undo-stopped.out"
    assert_eq "undo takes the stopped run back" 0 "$status"
    assert_eq "the site is disabled again" absent "$([ -e "$ENABLED" ] && echo present || echo absent)"
    umount /etc/libretime
    status=0
    "$LT" apply --answers "$answers" --yes >"$E2E_WORK/anew.out" 2>&1 || status=$?
    assert_eq "apply succeeds once config.yml can be written" 0 "$status"
    assert_eq "it does not resume the undone session" "" "$(grep 'Resuming session' "$E2E_WORK/anew.out" || true)"
    assert_contains "it says that it starts anew" "$(cat "$E2E_WORK/anew.out")" "was undone at"
    assert_cmd "the site is enabled again" test -e "$ENABLED"
    local answer=$E2E_WORK/after-undo.json
    assert_cmd "http://$DOMAIN/ reaches the backend through $SERVER" \
        curl -fsS --max-time 10 -o "$answer" "http://$DOMAIN/after-undo"
    assert_eq "the backend got the request" /after-undo "$(backend_field "$answer" path)"
}

# The certificate in place came from one ACME server and the answers now name another, as
# after a trial run against Let's Encrypt's staging server: the plan says the certificate is
# replaced, apply replaces it (certbot would keep it otherwise), and certbot's renewal
# settings name the new server. pebble's other name stands for the other server.
apply_other_acme_server() {
    local answers=$E2E_WORK/other-server-answers.yml status=0 before
    local other=${ACME_DIRECTORY/127.0.0.1/localhost}
    local renewal=/etc/letsencrypt/renewal/$DOMAIN.conf
    printf 'proxy: %s\ndomain: %s\nemail: admin@example.org\nacme_server: %s\n' \
        "$PROXY" "$DOMAIN" "$other" >"$answers"
    before=$(sha256sum <"/etc/letsencrypt/live/$DOMAIN/cert.pem")
    "$LT" plan --answers "$answers" >"$E2E_WORK/other-server-plan.out" 2>&1 || status=$?
    assert_eq "plan succeeds" 0 "$status"
    assert_contains "plan says the certificate from the first server is replaced" \
        "$(cat "$E2E_WORK/other-server-plan.out")" "Replace the certificate for $DOMAIN"
    assert_contains "certbot is told to replace it" "$(cat "$E2E_WORK/other-server-plan.out")" "--force-renewal"
    status=0
    "$LT" apply --answers "$answers" --yes >"$E2E_WORK/other-server.out" 2>&1 || status=$?
    assert_eq "apply with the other ACME server succeeds, verification included" 0 "$status"
    assert_eq "certbot's renewal settings name the new server" "server = $other" "$(grep '^server = ' "$renewal")"
    assert_cmd "the certificate was replaced" test "$before" != "$(sha256sum <"/etc/letsencrypt/live/$DOMAIN/cert.pem")"
    assert_eq "still one certificate lineage, named after the domain" "$DOMAIN" \
        "$(find /etc/letsencrypt/live -mindepth 1 -maxdepth 1 -type d -printf '%f\n')"
}
