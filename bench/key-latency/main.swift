// bench-key-latency: key → screen latency under tmux, of terminal-demo (bench/key-latency.sh)
// or of the real wizard on its Run screen (bench/wizard-key-latency.sh). Built in release
// mode by those scripts. Prints figures; never asserts.
//
//   bench-key-latency DEMO [--flood] [--keys N] [--bytes] [--samples FILE]
//   bench-key-latency --attach SOCKET --target SESSION --steps A,B [--keys N] [--samples FILE] [--until FILE]
//                     [--timeout SECONDS]
//
// --samples FILE appends each key's latency in ms to FILE, one a line, as it is measured,
// for a caller that pools runs; --until FILE stops before the next key once FILE exists
// (a caller's sign that what the keys were timed during is over); --timeout SECONDS is how
// long a key may wait for its answer before the run fails (default 5).
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
func measure(client: ControlClient, target: String, probe: Probe, keys: Int, output: Output) throws -> [Double] {
    if case .selection(let from, _) = probe { try select(from, client: client, target: target) }
    let clock = ContinuousClock()
    var latencies: [Double] = []
    for count in 1...keys {
        if let until = output.until, access(until, F_OK) == 0 { break }
        let started = clock.now
        _ = try client.command("send-keys -t \(target) \(probe.key(count))")
        while true {
            let screen = try client.command("capture-pane -p -t \(target)")
            if probe.answered(count, screen) { break }
            if clock.now - started > .seconds(output.timeout) {
                throw BenchError(description: "key \(count) not answered in \(output.timeout) s; the screen:\n"
                    + screen.joined(separator: "\n"))
            }
        }
        latencies.append(milliseconds(clock.now - started))
        output.record(latencies[latencies.count - 1])
    }
    return latencies
}

/// Where each latency goes besides the report, and when to stop early.
struct Output {
    var samples: String?
    var until: String?
    var timeout = 5

    func record(_ latency: Double) {
        guard let samples else { return }
        let fd = open(samples, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        let line = Array("\(format(latency))\n".utf8)
        _ = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }
}

/// Prints the figures of one run.
func report(_ what: String, _ unsorted: [Double]) {
    let latencies = unsorted.sorted()
    let mean = latencies.reduce(0, +) / Double(latencies.count)
    print("\(what): \(latencies.count) keys, key→screen ms: "
        + "median \(format(percentile(latencies, 0.5))), p95 \(format(percentile(latencies, 0.95))), "
        + "p99 \(format(percentile(latencies, 0.99))), "
        + "max \(format(latencies.last ?? 0)), min \(format(latencies.first ?? 0)), mean \(format(mean)); "
        + "over 16 ms: \(latencies.filter { $0 > 16 }.count)")
}

/// The wizard started by bench/wizard-key-latency.sh, in its own tmux server, on its Run
/// screen while a step floods its log pane.
func measureWizard(socket: String, target: String, steps: String, keys: Int, output: Output) throws {
    let numbers = steps.split(separator: ",").compactMap { Int($0) }
    guard numbers.count == 2 else { throw BenchError(description: "--steps takes two step numbers: A,B") }
    let tmux = Tmux(server: ["-S", socket])
    // A control client must not resize the wizard's window.
    try tmux.run(["set-option", "-g", "window-size", "manual"])
    let client = try attach(tmux, target)
    defer { client.close() }
    let latencies = try measure(client: client, target: target, probe: .selection(from: numbers[0], to: numbers[1]),
                                keys: keys, output: output)
    guard !latencies.isEmpty else { return print("the wizard: no key timed") }
    report("the wizard, Down and Up between steps \(numbers[0]) and \(numbers[1])", latencies)
}

func main() throws {
    var arguments = CommandLine.arguments.dropFirst()
    var demo: String?, socket: String?, target = "bench", steps: String?
    var flood = false, countBytes = false, keys = 200
    var output = Output()
    while let argument = arguments.popFirst() {
        switch argument {
        case "--flood": flood = true
        case "--bytes": countBytes = true
        case "--keys": keys = Int(arguments.popFirst() ?? "") ?? keys
        case "--attach": socket = arguments.popFirst()
        case "--target": target = arguments.popFirst() ?? target
        case "--steps": steps = arguments.popFirst()
        case "--samples": output.samples = arguments.popFirst()
        case "--until": output.until = arguments.popFirst()
        case "--timeout": output.timeout = Int(arguments.popFirst() ?? "") ?? output.timeout
        case _ where !argument.hasPrefix("-") && demo == nil: demo = argument
        default: throw BenchError(description: "unknown argument \(argument)")
        }
    }
    if let socket {
        return try measureWizard(socket: socket, target: target, steps: steps ?? "", keys: keys, output: output)
    }
    guard let demo else {
        throw BenchError(description: "usage: bench-key-latency DEMO [--flood] [--keys N] [--bytes] [--samples FILE]\n"
            + "       bench-key-latency --attach SOCKET --target SESSION --steps A,B [--keys N] [--samples FILE] [--until FILE]"
            + " [--timeout SECONDS]")
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
    report(flood ? "during a flood" : "idle", try measure(client: client, target: "bench", probe: .counter, keys: keys,
                                                                   output: output))
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
