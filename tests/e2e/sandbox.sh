#!/usr/bin/env bash
# The end-to-end sandbox: runs a command with its own view of the server's configuration,
# its own network and its own processes, so that the real nginx, apache2, icecast2, certbot
# and pebble can run as on a LibreTime server without touching this machine.
#
#   tests/e2e/sandbox.sh run [--domain NAME] [--system DIR] -- COMMAND [ARG...]
#
# or, from a script:  source tests/e2e/sandbox.sh; sandbox_run -- COMMAND...
# or, at the top of a test script, to re-run itself inside a fresh sandbox:
#   source tests/e2e/sandbox.sh; sandbox_self "$0" "$@"
#
# Inside, COMMAND runs as PID 1's only child in new mount, network and PID namespaces:
# - /etc and /var/lib are copy-on-write overlays (writes land in a tmpfs and vanish);
#   over them, writable copies of /etc/nginx, /etc/apache2 and /etc/icecast2 (cp -a, owners
#   kept), an empty /etc/letsencrypt, /etc/libretime holding a LibreTime config.yml, an
#   /etc/hosts with "127.0.0.1 localhost NAME" (and 127.0.1.1 for the machine's name), and
#   empty /var/lib/letsencrypt and /var/lib/lt-setup;
# - fresh /var/log (with nginx, apache2, icecast2, letsencrypt, lt-setup) and /run;
# - a network with only its own loopback, so ports 80, 443, 8000, 8443… are its own;
# - its own /proc: `service … stop` (start-stop-daemon) sees only the sandbox's servers.
# With --system DIR (another system's root, such as Debian 11's from bullseye/root.sh), the
# same files are also laid out in a copy-on-write view of DIR, with the sandbox's /proc, /dev
# and a fresh /run, and with this repository and the sandbox's folder at their own paths;
# COMMAND still starts in this system (to run what only it has, such as pebble) and enters
# the other one with `sandbox_enter_system COMMAND...`.
# When COMMAND ends, every process left in the sandbox gets SIGTERM, then SIGKILL when the
# sandbox's PID 1 exits; then the temporary folder is deleted (kept with E2E_KEEP=1).
#
# COMMAND sees these environment variables:
#   E2E_SANDBOX=1     it runs inside the sandbox
#   E2E_DOMAIN        the station's domain name, mapped to 127.0.0.1 (libretime.example.org)
#   E2E_DIR           this folder (tests/e2e), to source pebble.sh, servers.sh, assert.sh…
#   E2E_WORK          a writable scratch folder, also TMPDIR
#   E2E_ROOT          the sandbox's temporary folder on the host (E2E_WORK is inside it)
#   E2E_SYSTEM_ROOT   with --system: where the other system's view is mounted
# The LibreTime config.yml comes from E2E_LIBRETIME_CONFIG if set, else the shared
# fixture ../shared/fixtures/config.yml.libretime-installer beside the repository if it
# exists, else tests/e2e/fixtures/config.yml.
# shellcheck source-path=SCRIPTDIR

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=wait.sh
source "$E2E_DIR/wait.sh"

# sandbox_run [--domain NAME] -- COMMAND [ARG...]: runs COMMAND in a fresh sandbox and
# returns its exit status. The sandbox is managed by a child process (this file, run), so
# that its traps stay out of the caller; stop it with SIGTERM or SIGINT to that process.
sandbox_run() {
    "$E2E_DIR/sandbox.sh" run "$@"
}

# sandbox_self SCRIPT [ARG...]: unless already inside a sandbox, replaces the calling
# script by a fresh sandbox that runs it again with its arguments. Call it at a test's top.
sandbox_self() {
    if [ "${E2E_SANDBOX:-}" != 1 ]; then
        exec "$E2E_DIR/sandbox.sh" run --domain "${E2E_DOMAIN:-libretime.example.org}" \
            -- bash "$@"
    fi
}

# sandbox_main [--domain NAME] -- COMMAND [ARG...]: `sandbox.sh run`, in the main shell so
# that the signals sent to it reach its traps.
sandbox_main() {
    local domain=libretime.example.org system=
    while [ $# -gt 0 ]; do
        case "$1" in
            --domain) domain=$2; shift 2 ;;
            --system) system=$(cd "$2" && pwd); shift 2 ;;
            --) shift; break ;;
            *) break ;;
        esac
    done
    if [ $# -eq 0 ]; then
        echo "sandbox: no command given" >&2
        return 2
    fi
    sandbox_check_host

    SANDBOX_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/lt-e2e.XXXXXX")
    chmod 0755 "$SANDBOX_ROOT"
    trap sandbox_remove_root EXIT

    # --kill-child: if unshare is killed outright, the sandbox's PID 1 gets SIGKILL, and
    # with it every process in the sandbox.
    unshare --mount --propagation private --net --pid --fork --mount-proc --kill-child \
        -- /bin/bash "$E2E_DIR/sandbox.sh" __inside "$SANDBOX_ROOT" "$domain" "$system" "$@" <&0 &
    SANDBOX_UNSHARE_PID=$!
    trap sandbox_forward INT TERM HUP

    local status=0
    wait "$SANDBOX_UNSHARE_PID" || status=$?
    # A trapped signal interrupts `wait`; wait again for the sandbox to finish.
    while kill -0 "$SANDBOX_UNSHARE_PID" 2>/dev/null; do
        status=0
        wait "$SANDBOX_UNSHARE_PID" || status=$?
    done
    return "$status"
}

sandbox_remove_root() {
    if [ "${E2E_KEEP:-0}" = 1 ]; then
        echo "sandbox: kept $SANDBOX_ROOT" >&2
    else
        rm -rf --one-file-system "$SANDBOX_ROOT"
    fi
}

# unshare blocks SIGINT and SIGTERM while it waits: pass them on to the sandbox's PID 1.
sandbox_forward() {
    local child=
    # The file has no final newline, so read returns 1 even when it got the pid.
    read -r child _ <"/proc/$SANDBOX_UNSHARE_PID/task/$SANDBOX_UNSHARE_PID/children" \
        2>/dev/null || true
    if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null || true; fi
}

# The tools the sandbox needs, with what to do when one is missing.
sandbox_check_host() {
    if [ "$(id -u)" -ne 0 ]; then
        echo "sandbox: run as root (sudo): it mounts over /etc and runs servers" >&2
        exit 1
    fi
    local tool
    for tool in unshare ip mount; do
        if ! command -v "$tool" >/dev/null; then
            echo "sandbox: '$tool' is missing (packages util-linux, iproute2, mount)" >&2
            exit 1
        fi
    done
}

# --- inside the namespaces (PID 1) ---------------------------------------------------

# sandbox_inside ROOT DOMAIN SYSTEM COMMAND [ARG...]: builds the sandbox's files (and, when
# SYSTEM is not empty, the other system's view), runs COMMAND, then stops everything. Runs as
# PID 1 of the new PID namespace.
sandbox_inside() {
    local root=$1 domain=$2 system=$3
    shift 3
    ip link set lo up
    sandbox_build_files "$root" "$domain"
    if [ -n "$system" ]; then
        sandbox_build_system "$root" "$domain" "$system"
        export E2E_SYSTEM_ROOT="$root/system"
    fi

    export E2E_SANDBOX=1 E2E_DOMAIN="$domain" E2E_DIR E2E_ROOT="$root"
    export E2E_WORK="$root/work" TMPDIR="$root/work"

    trap sandbox_stop_all EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    trap 'exit 129' HUP

    local status=0
    # Started in the background so that a signal's trap runs at once. The explicit
    # redirection keeps stdin, which bash would otherwise replace with /dev/null, and env
    # undoes the SIGINT and SIGQUIT that bash ignores in background commands (which a test
    # script could then not trap, nor a server receive).
    env --default-signal=INT,QUIT "$@" <&0 &
    local command_pid=$!
    wait "$command_pid" || status=$?
    while kill -0 "$command_pid" 2>/dev/null; do
        status=0
        wait "$command_pid" || status=$?
    done
    exit "$status"
}

# sandbox_build_files ROOT DOMAIN: the mounts described at the top of this file.
sandbox_build_files() {
    local root=$1 domain=$2 dir
    local fs=$root/fs

    # The overlays' writable layers live in a tmpfs: an overlay's upper layer cannot be
    # on an overlay itself, which is what / often is in a container.
    mkdir -p "$root/layers" "$root/work"
    chmod 1777 "$root/work"
    mount -t tmpfs -o mode=0755 sandbox-layers "$root/layers"
    for dir in /etc /var/lib; do
        mkdir -p "$root/layers$dir/upper" "$root/layers$dir/work"
        if ! mount -t overlay overlay \
            -o "lowerdir=$dir,upperdir=$root/layers$dir/upper,workdir=$root/layers$dir/work" "$dir"; then
            echo "sandbox: cannot mount an overlay on $dir (kernel without overlayfs?)" >&2
            exit 1
        fi
    done

    for dir in /etc/nginx /etc/apache2 /etc/icecast2; do
        mkdir -p "$fs${dir%/*}"
        if [ -d "$dir" ]; then cp -a "$dir" "$fs$dir"; else mkdir -p "$fs$dir" "$dir"; fi
        mount --bind "$fs$dir" "$dir"
    done
    for dir in /etc/letsencrypt /var/lib/letsencrypt /var/lib/lt-setup; do
        sandbox_bind_empty "$fs" "$dir" 0755
    done

    sandbox_bind_empty "$fs" /etc/libretime 0755
    install -m 0644 "$(sandbox_libretime_config)" /etc/libretime/config.yml

    # The machine's own name too, as Debian maps it: Apache looks it up at start.
    printf '127.0.0.1 localhost %s\n127.0.1.1 %s\n' "$domain" "$(hostname)" >"$fs/hosts"
    chmod 0644 "$fs/hosts"
    mount --bind "$fs/hosts" /etc/hosts

    # A fresh /var/log with the folders the servers write to, owned as on this machine.
    mkdir -p "$fs/var/log"
    for dir in nginx apache2 icecast2 letsencrypt lt-setup; do
        mkdir -p "$fs/var/log/$dir"
        if [ -d "/var/log/$dir" ]; then
            chown --reference="/var/log/$dir" "$fs/var/log/$dir"
            chmod --reference="/var/log/$dir" "$fs/var/log/$dir"
        fi
    done
    mount --bind "$fs/var/log" /var/log

    # A fresh /run (also /var/run): no pid files, locks or sockets of the host's servers,
    # and no /run/systemd/system: `service` uses the init scripts, as in a container.
    mkdir -p "$fs/run/lock"
    chmod 1777 "$fs/run/lock"
    mount --bind "$fs/run" /run
}

# sandbox_build_system ROOT DOMAIN SYSTEM: ROOT/system, a copy-on-write view of SYSTEM
# (writes land in the sandbox's tmpfs) with the same server files as this system's view.
sandbox_build_system() {
    local root=$1 domain=$2 lower=$3
    local view=$root/system layers=$root/layers/system repo dir
    repo=$(cd "$E2E_DIR/../.." && pwd)
    mkdir -p "$view" "$layers/upper" "$layers/work"
    mount -t overlay overlay -o "lowerdir=$lower,upperdir=$layers/upper,workdir=$layers/work" "$view"
    mount --bind /proc "$view/proc"
    mount --rbind /dev "$view/dev"
    mount -t tmpfs -o mode=0755 sandbox-run "$view/run"
    mkdir -p "$view/run/lock" && chmod 1777 "$view/run/lock"
    mount -t tmpfs -o mode=1777 sandbox-tmp "$view/tmp"
    # This repository (its scripts, the .deb) and the sandbox's folder (E2E_WORK, pebble's
    # certificates) at the same paths in both systems.
    for dir in "$repo" "$root/work"; do
        mkdir -p "$view$dir"
        mount --bind "$dir" "$view$dir"
    done
    # The servers' folders as copies (cp -a) rather than overlay directories, as above.
    for dir in /etc/nginx /etc/apache2 /etc/icecast2; do
        if [ -d "$view$dir" ]; then
            cp -a "$view$dir" "$root/fs/system${dir//\//-}"
            mount --bind "$root/fs/system${dir//\//-}" "$view$dir"
        fi
    done
    mkdir -p "$view/etc/libretime" "$view/var/lib/lt-setup"
    install -m 0644 "$(sandbox_libretime_config)" "$view/etc/libretime/config.yml"
    cp /etc/hosts "$view/etc/hosts"
    cp /etc/resolv.conf "$view/etc/resolv.conf" 2>/dev/null || true
    for dir in nginx apache2 icecast2 letsencrypt lt-setup; do
        mkdir -p "$view/var/log/$dir"
    done
    # The package lists are gone from the root; `apt install ./FILE.deb` needs none.
    rm -f "$view/usr/sbin/policy-rc.d"
}

# sandbox_enter_system COMMAND [ARG...]: runs COMMAND in the other system (--system), with
# the sandbox's environment and a PATH of that system's.
sandbox_enter_system() {
    chroot "$E2E_SYSTEM_ROOT" /usr/bin/env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        E2E_IN_SYSTEM=1 "$@"
}

# sandbox_bind_empty FS DIR MODE: an empty folder owned by root mounted over DIR.
sandbox_bind_empty() {
    mkdir -p "$1$2" "$2"
    chmod "$3" "$1$2"
    mount --bind "$1$2" "$2"
}

# The LibreTime config.yml to start from; see the top of this file.
sandbox_libretime_config() {
    local shared
    shared="$(cd "$E2E_DIR/../../.." && pwd)/shared/fixtures/config.yml.libretime-installer"
    if [ -n "${E2E_LIBRETIME_CONFIG:-}" ]; then
        echo "$E2E_LIBRETIME_CONFIG"
    elif [ -f "$shared" ]; then
        echo "$shared"
    else
        echo "$E2E_DIR/fixtures/config.yml"
    fi
}

# sandbox_stop_all: SIGTERM to every other process in the sandbox (servers flush their
# logs), waiting up to 10 s for them to go. Whatever is left dies with PID 1.
sandbox_stop_all() {
    trap '' INT TERM HUP
    kill -TERM -1 2>/dev/null || true
    if ! wait_until 10 "the sandbox's processes to stop" sandbox_only_init_left; then
        kill -KILL -1 2>/dev/null || true
    fi
}

# sandbox_only_init_left: no process but PID 1 is alive (zombies are gone already).
sandbox_only_init_left() {
    local proc
    for proc in /proc/[0-9]*; do
        [ "$proc" = /proc/1 ] && continue
        if pid_alive "${proc#/proc/}"; then return 1; fi
    done
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
        run) shift; sandbox_main "$@" ;;
        __inside) shift; sandbox_inside "$@" ;;
        *)
            echo "usage: $0 run [--domain NAME] -- COMMAND [ARG...]" >&2
            exit 2
            ;;
    esac
fi
