// bench-key-latency: key → screen latency of terminal-demo under tmux. Run by
// bench/key-latency.sh, which builds both in release mode. Prints figures; never asserts.
//
//   bench-key-latency DEMO [--flood] [--keys N] [--bytes]
//
// One tmux control-mode client (`tmux -C attach`) carries every command, so neither sending
// a key nor polling the screen spawns a process: a poll costs a round trip to the tmux
// server (~0.1 ms), not a fork and exec (~2 ms). For each key: send `send-keys Down`, then
// `capture-pane -p` until the demo's counter shows the new count.
import Glibc

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// `tmux -L socket …`, spawned with posix_spawn; stdin and stdout optionally piped.
struct Tmux {
    let socket = "lt-setup-bench-\(getpid())"
    static let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp"]

    /// Starts tmux with `arguments`; returns its pid and, when `piped`, our ends of its stdin
    /// and stdout.
    func spawn(_ arguments: [String], piped: Bool) throws -> (pid: pid_t, input: Int32, output: Int32) {
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if piped {
            guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw BenchError(description: "pipe failed") }
            for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO)
            posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = Self.environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, envp)
        if piped {
            close(toChild[0])
            close(fromChild[1])
        }
        guard status == 0 else { throw BenchError(description: "cannot start tmux: \(status)") }
        return (pid, toChild[1], fromChild[0])
    }

    /// Runs a tmux command to its end.
    func run(_ arguments: [String]) throws {
        let child = try spawn(arguments, piped: false)
        var status: Int32 = 0
        waitpid(child.pid, &status, 0)
        guard status == 0 else { throw BenchError(description: "tmux \(arguments.first ?? "") failed: \(status)") }
    }
}

/// A tmux control-mode client: one command per line in, one `%begin … %end` block out.
final class ControlClient {
    let pid: pid_t
    let input: Int32
    let output: Int32
    private var pending: [UInt8] = []

    init(tmux: Tmux, session: String) throws {
        (pid, input, output) = try tmux.spawn(["-C", "attach-session", "-t", session], piped: true)
    }

    /// Sends `command` and returns the lines of its reply.
    func command(_ command: String) throws -> [String] {
        let bytes = Array((command + "\n").utf8)
        guard bytes.withUnsafeBytes({ write(input, $0.baseAddress, $0.count) }) == bytes.count else {
            throw BenchError(description: "cannot write to tmux")
        }
        return try readBlock()
    }

    /// Skips notifications up to the next `%begin`, then collects lines up to `%end`.
    private func readBlock() throws -> [String] {
        while !(try readLine()).hasPrefix("%begin") {}
        var lines: [String] = []
        while true {
            let line = try readLine()
            if line.hasPrefix("%end") { return lines }
            if line.hasPrefix("%error") { throw BenchError(description: "tmux error: \(lines)") }
            lines.append(line)
        }
    }

    private func readLine() throws -> String {
        while true {
            if let newline = pending.firstIndex(of: 10) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 5000) > 0 else { throw BenchError(description: "tmux did not answer in 5 s") }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = read(output, &chunk, chunk.count)
            guard count > 0 else { throw BenchError(description: "tmux control client ended") }
            pending += chunk[0..<count]
        }
    }

    func close() {
        Glibc.close(input)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Glibc.close(output)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    let (seconds, attoseconds) = duration.components
    return Double(seconds) * 1000 + Double(attoseconds) / 1e15
}

func percentile(_ sorted: [Double], _ fraction: Double) -> Double {
    sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * fraction).rounded()))]
}

func format(_ value: Double) -> String {
    let hundredths = Int((value * 100).rounded())
    return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
}

/// Measures `keys` Down keys; returns each key's latency in milliseconds.
func measure(client: ControlClient, keys: Int) throws -> [Double] {
    let clock = ContinuousClock()
    var latencies: [Double] = []
    for count in 1...keys {
        let started = clock.now
        _ = try client.command("send-keys -t bench Down")
        while !(try client.command("capture-pane -p -t bench")).contains(where: { $0.contains("count: \(count) ") }) {
            if clock.now - started > .seconds(5) { throw BenchError(description: "key \(count) not answered in 5 s") }
        }
        latencies.append(milliseconds(clock.now - started))
    }
    return latencies
}

func main() throws {
    var arguments = CommandLine.arguments.dropFirst()
    guard let demo = arguments.popFirst() else { throw BenchError(description: "usage: bench-key-latency DEMO [--flood] [--keys N] [--bytes]") }
    var flood = false, countBytes = false, keys = 200
    while let argument = arguments.popFirst() {
        switch argument {
        case "--flood": flood = true
        case "--bytes": countBytes = true
        case "--keys": keys = Int(arguments.popFirst() ?? "") ?? keys
        default: throw BenchError(description: "unknown argument \(argument)")
        }
    }
    let tmux = Tmux()
    let command = "exec env -i TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin '\(demo)'\(flood ? " --flood" : "")"
    // window-size manual keeps the control client from resizing the window. It comes after
    // new-session: set before any session exists, it crashed the tmux 3.3a server.
    try tmux.run(["set-option", "-g", "default-terminal", "xterm-256color", ";", "set-option", "-g", "status", "off", ";",
                  "new-session", "-d", "-s", "bench", "-x", "80", "-y", "24", command, ";",
                  "set-option", "-g", "window-size", "manual"])
    defer { try? tmux.run(["kill-server"]) }
    let client = try ControlClient(tmux: tmux, session: "bench")
    defer { client.close() }
    // Pane output is not wanted: only command replies. The client may not be attached yet
    // ("no current client") when its first command arrives.
    for attempt in 1...1000 {
        do {
            _ = try client.command("refresh-client -f no-output")
            break
        } catch where attempt < 1000 {
            usleep(2_000)
        }
    }
    while !(try client.command("capture-pane -p -t bench")).contains(where: { $0.contains("count: 0 ") }) {}
    let log = "/tmp/lt-setup-bench-bytes-\(getpid())"
    if countBytes { _ = try client.command("pipe-pane -o -t bench 'cat > \(log)'") }
    let latencies = try measure(client: client, keys: keys).sorted()
    let mean = latencies.reduce(0, +) / Double(latencies.count)
    print("\(flood ? "during a flood" : "idle"): \(keys) keys, key→screen ms: "
        + "median \(format(percentile(latencies, 0.5))), p95 \(format(percentile(latencies, 0.95))), "
        + "max \(format(latencies.last ?? 0)), min \(format(latencies.first ?? 0)), mean \(format(mean)); "
        + "over 16 ms: \(latencies.filter { $0 > 16 }.count)")
    if countBytes {
        _ = try client.command("pipe-pane -t bench")
        var info = stat()
        if stat(log, &info) == 0 { print("bytes per Down (terminal output): \(format(Double(info.st_size) / Double(keys)))") }
        unlink(log)
    }
    if flood {
        let screen = try client.command("capture-pane -p -t bench")
        if let line = screen.first(where: { $0.contains("flood: ") }) {
            print("flood lines read by the demo meanwhile: \(line.split(separator: " ").dropFirst(2).first ?? "?")")
        }
    }
}

do {
    try main()
} catch {
    print("bench-key-latency: \(error)")
    exit(1)
}
