// bench-key-latency: key → screen latency under tmux, of terminal-demo (bench/key-latency.sh)
// or of the real wizard on its Run screen (bench/wizard-key-latency.sh). Built in release
// mode by those scripts. Prints figures; never asserts.
//
//   bench-key-latency DEMO [--flood] [--keys N] [--bytes]
//   bench-key-latency --attach SOCKET --target SESSION --steps A,B [--keys N]
//
// One tmux control-mode client (`tmux -C attach`) carries every command, so neither sending
// a key nor polling the screen spawns a process: a poll costs a round trip to the tmux
// server (~0.1 ms), not a fork and exec (~2 ms). For each key: send it, then `capture-pane
// -p` until the screen shows its effect: the demo's counter at the new count, or the
// wizard's selection mark `›` on the other step (Down from step A to B, Up back to A).
import Glibc

struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// `tmux -L socket …` (a server of our own) or `tmux -S path …` (one already running),
/// spawned with posix_spawn; stdin and stdout optionally piped.
struct Tmux {
    var server = ["-L", "lt-setup-bench-\(getpid())"]
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
        let argv = (["tmux"] + server + ["-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
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
    private var sent = 0

    /// A command tmux refused (its reply ended with `%error`).
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    init(tmux: Tmux, session: String) throws {
        (pid, input, output) = try tmux.spawn(["-C", "attach-session", "-t", session], piped: true)
    }

    /// Sends `command` and returns the lines of its reply.
    ///
    /// A marker command follows it on the same line; tmux answers each command of a line
    /// with a block of its own, so our reply is the last block of ours (FLAGS 1) before the
    /// marker's. The attach command's own reply (FLAGS 0), which may come before or after
    /// ours, is never taken for it. A failed command ends the line, marker unsent.
    func command(_ command: String) throws -> [String] {
        sent += 1
        let marker = "lt-setup-bench-reply-\(sent)"
        try send("\(command) ; display-message -p \(marker)")
        var reply: [String] = []
        while true {
            let block = try readBlock()
            guard block.ours else { continue }
            if block.failed { throw Refused(description: "tmux refused \(command): \(block.lines)") }
            if block.lines == [marker] { return reply }
            reply = block.lines
        }
    }

    private func send(_ command: String) throws {
        let bytes = Array((command + "\n").utf8)
        guard bytes.withUnsafeBytes({ write(input, $0.baseAddress, $0.count) }) == bytes.count else {
            throw BenchError(description: "cannot write to tmux")
        }
    }

    /// Skips notifications up to the next `%begin TIME NUMBER FLAGS`, then collects lines up
    /// to `%end` (or `%error`, which ends a failed command's reply). FLAGS is 1 for a reply
    /// to a command this client sent, 0 for the command it was started with.
    private func readBlock() throws -> (lines: [String], failed: Bool, ours: Bool) {
        var begin = ""
        while !begin.hasPrefix("%begin") { begin = try readLine() }
        let ours = begin.split(separator: " ").last == "1"
        var lines: [String] = []
        while true {
            let line = try readLine()
            if line.hasPrefix("%end") { return (lines, false, ours) }
            if line.hasPrefix("%error") { return (lines, true, ours) }
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

/// What a key is, and how its answer shows on the screen.
enum Probe {
    /// terminal-demo: Down adds one to the counter it shows (`count: N `).
    case counter
    /// The wizard's Run screen: Down moves the selection from step `from` to step `to`, Up
    /// moves it back; the selected row starts with ` › `.
    case selection(from: Int, to: Int)

    /// The tmux name of the `count`th key.
    func key(_ count: Int) -> String {
        switch self {
        case .counter: "Down"
        case .selection: count % 2 == 1 ? "Down" : "Up"
        }
    }

    /// True once the screen shows the `count`th key's answer.
    func answered(_ count: Int, _ screen: [String]) -> Bool {
        switch self {
        case .counter:
            return screen.contains { $0.contains("count: \(count) ") }
        case .selection(let from, let to):
            // Exactly one row selected: a frame half painted shows the old and the new one.
            let step = count % 2 == 1 ? to : from
            return screen.compactMap(Self.selectedStep) == [step]
        }
    }

    /// The number of the step on a selected row (` › ⠼  5. Get a certificate…`), if it is one.
    static func selectedStep(_ row: String) -> Int? {
        guard row.hasPrefix(" › ") else { return nil }
        let number = row.split(separator: " ").first { $0.hasSuffix(".") && Int($0.dropLast()) != nil }
        return number.flatMap { Int($0.dropLast()) }
    }
}

/// Moves the wizard's selection to step `step` (untimed), so that the first Down goes to the
/// step after it.
func select(_ step: Int, client: ControlClient, target: String) throws {
    let clock = ContinuousClock()
    func selected() throws -> [Int] { try client.command("capture-pane -p -t \(target)").compactMap(Probe.selectedStep) }
    for _ in 0..<20 {
        let now = try selected()
        if now == [step] { return }
        guard now.count == 1 else { continue }
        _ = try client.command("send-keys -t \(target) \(now[0] < step ? "Down" : "Up")")
        let sent = clock.now
        while try selected() == now {
            if clock.now - sent > .seconds(5) { break }
        }
    }
    let screen = try client.command("capture-pane -p -t \(target)").joined(separator: "\n")
    throw BenchError(description: "cannot select step \(step); the screen:\n\(screen)")
}

/// Measures `keys` keys sent to `target`; returns each key's latency in milliseconds.
func measure(client: ControlClient, target: String, probe: Probe, keys: Int) throws -> [Double] {
    if case .selection(let from, _) = probe { try select(from, client: client, target: target) }
    let clock = ContinuousClock()
    var latencies: [Double] = []
    for count in 1...keys {
        let started = clock.now
        _ = try client.command("send-keys -t \(target) \(probe.key(count))")
        while true {
            let screen = try client.command("capture-pane -p -t \(target)")
            if probe.answered(count, screen) { break }
            if clock.now - started > .seconds(5) {
                throw BenchError(description: "key \(count) not answered in 5 s; the screen:\n" + screen.joined(separator: "\n"))
            }
        }
        latencies.append(milliseconds(clock.now - started))
    }
    return latencies
}

/// Attaches a control client to `session`, its pane output turned off (only command replies
/// are wanted). The client may not be attached yet ("no current client") when its first
/// command arrives.
func attach(_ tmux: Tmux, _ session: String) throws -> ControlClient {
    let client = try ControlClient(tmux: tmux, session: session)
    for attempt in 1...1000 {
        do {
            _ = try client.command("refresh-client -f no-output")
            break
        } catch is ControlClient.Refused where attempt < 1000 {
            usleep(2_000)
        }
    }
    return client
}

/// Prints the figures of one run.
func report(_ what: String, _ unsorted: [Double]) {
    let latencies = unsorted.sorted()
    let mean = latencies.reduce(0, +) / Double(latencies.count)
    print("\(what): \(latencies.count) keys, key→screen ms: "
        + "median \(format(percentile(latencies, 0.5))), p95 \(format(percentile(latencies, 0.95))), "
        + "max \(format(latencies.last ?? 0)), min \(format(latencies.first ?? 0)), mean \(format(mean)); "
        + "over 16 ms: \(latencies.filter { $0 > 16 }.count)")
}

/// The wizard started by bench/wizard-key-latency.sh, in its own tmux server, on its Run
/// screen while a step floods its log pane.
func measureWizard(socket: String, target: String, steps: String, keys: Int) throws {
    let numbers = steps.split(separator: ",").compactMap { Int($0) }
    guard numbers.count == 2 else { throw BenchError(description: "--steps takes two step numbers: A,B") }
    let tmux = Tmux(server: ["-S", socket])
    // A control client must not resize the wizard's window.
    try tmux.run(["set-option", "-g", "window-size", "manual"])
    let client = try attach(tmux, target)
    defer { client.close() }
    let latencies = try measure(client: client, target: target, probe: .selection(from: numbers[0], to: numbers[1]),
                                keys: keys)
    report("the wizard, Down and Up between steps \(numbers[0]) and \(numbers[1])", latencies)
}

func main() throws {
    var arguments = CommandLine.arguments.dropFirst()
    var demo: String?, socket: String?, target = "bench", steps: String?
    var flood = false, countBytes = false, keys = 200
    while let argument = arguments.popFirst() {
        switch argument {
        case "--flood": flood = true
        case "--bytes": countBytes = true
        case "--keys": keys = Int(arguments.popFirst() ?? "") ?? keys
        case "--attach": socket = arguments.popFirst()
        case "--target": target = arguments.popFirst() ?? target
        case "--steps": steps = arguments.popFirst()
        case _ where !argument.hasPrefix("-") && demo == nil: demo = argument
        default: throw BenchError(description: "unknown argument \(argument)")
        }
    }
    if let socket {
        return try measureWizard(socket: socket, target: target, steps: steps ?? "", keys: keys)
    }
    guard let demo else {
        throw BenchError(description: "usage: bench-key-latency DEMO [--flood] [--keys N] [--bytes]\n"
            + "       bench-key-latency --attach SOCKET --target SESSION --steps A,B [--keys N]")
    }
    let tmux = Tmux()
    let command = "exec env -i TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/bin:/bin '\(demo)'\(flood ? " --flood" : "")"
    // window-size manual keeps the control client from resizing the window. It comes after
    // new-session: set before any session exists, it crashed the tmux 3.3a server.
    try tmux.run(["set-option", "-g", "default-terminal", "xterm-256color", ";", "set-option", "-g", "status", "off", ";",
                  "new-session", "-d", "-s", "bench", "-x", "80", "-y", "24", command, ";",
                  "set-option", "-g", "window-size", "manual"])
    defer { try? tmux.run(["kill-server"]) }
    let client = try attach(tmux, "bench")
    defer { client.close() }
    while !(try client.command("capture-pane -p -t bench")).contains(where: { $0.contains("count: 0 ") }) {}
    let log = "/tmp/lt-setup-bench-bytes-\(getpid())"
    if countBytes { _ = try client.command("pipe-pane -o -t bench 'cat > \(log)'") }
    report(flood ? "during a flood" : "idle", try measure(client: client, target: "bench", probe: .counter, keys: keys))
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
