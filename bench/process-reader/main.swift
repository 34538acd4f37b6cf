// Measures the process runner: lines per second through the whole path (spawn, poll, read,
// split, deliver), peak memory, and memory while the consumer pauses during a flood.
// Prints figures only; it never asserts.
//
//   bench-process-reader lines <program> [args…]   run it, count lines, print lines/s and VmHWM
//   bench-process-reader logged <dir> <program> [args…]   the same, with a StepLog in <dir>
//   bench-process-reader paused                     `yes` floods; stop reading for 3 s
import Glibc
import LTSetupRuntime

/// A field of /proc/self/status in KiB, e.g. "VmHWM".
func statusKiB(_ field: String) -> Int {
    let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return -1 }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 8192)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return -1 }
    for line in String(decoding: bytes[..<count], as: UTF8.self).split(separator: "\n")
    where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

func mib(_ kib: Int) -> String {
    let tenths = (kib * 10 + 512) / 1024
    return "\(tenths / 10).\(tenths % 10) MiB"
}

func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
}

/// Keeps the last lines like the log pane does, so the figures include storing them.
struct Ring {
    private var lines: [String]
    private var next = 0
    init(capacity: Int) { lines = Array(repeating: "", count: capacity) }
    mutating func append(_ line: String) {
        lines[next] = line
        next = next + 1 == lines.count ? 0 : next + 1
    }
}

func benchLines(_ argv: [String], logDirectory: String? = nil) throws {
    let startRSS = statusKiB("VmRSS")
    var ring = Ring(capacity: 1000)
    var count = 0
    var bytes = 0
    let clock = ContinuousClock()
    let started = clock.now
    let log = try logDirectory.map { directory throws(StepLogError) in
        try StepLog(directory: directory, fileName: "bench.log")
    }
    let termination = try ProcessRunner().run(argv: argv, log: log) { line in
        count += 1
        bytes += line.utf8.count + 1
        ring.append(line)
    }
    log?.close()
    let elapsed = seconds(clock.now - started)
    let rate = Int(Double(count) / elapsed)
    print("command:     \(argv.joined(separator: " "))\(log.map { " (logged to \($0.path))" } ?? "")")
    print("ended:       \(termination)")
    print("lines:       \(count) (\(bytes / 1_000_000) MB) in \(Int(elapsed * 1000)) ms")
    print("throughput:  \(rate) lines/s, \(Int(Double(bytes) / elapsed / 1_000_000)) MB/s")
    print("RSS:         \(mib(startRSS)) at start, peak \(mib(statusKiB("VmHWM")))")
}

/// Services `process` for `duration`, returning the lines delivered.
func pump(_ process: RunningProcess, for duration: Duration) -> Int {
    let clock = ContinuousClock()
    let end = clock.now + duration
    var count = 0
    while clock.now < end && !process.isFinished {
        PollLoop().pollOnce(process: process, timeoutMilliseconds: 10) { event in
            if case .output = event { count += 1 }
        }
    }
    return count
}

func benchPaused() throws {
    let process = try RunningProcess(argv: ["yes", "a line of flood output"])
    print("reading `yes` for 1 s:      \(pump(process, for: .seconds(1))) lines, "
          + "RSS \(mib(statusKiB("VmRSS")))")
    let before = statusKiB("VmRSS")
    // The consumer pauses (as when the terminal is frozen by ^S): nothing reads the pipe.
    sleep(3)
    var queued: Int32 = 0
    if let fd = process.fileDescriptor { _ = ioctl(fd, UInt(FIONREAD), &queued) }
    print("paused 3 s:                 RSS \(mib(before)) -> \(mib(statusKiB("VmRSS"))), "
          + "pipe holds \(queued) bytes, yes is \(childState(process.pid))")
    print("reading again for 1 s:      \(pump(process, for: .seconds(1))) lines, "
          + "RSS \(mib(statusKiB("VmRSS")))")
    process.cancel()
    _ = pump(process, for: .seconds(10))
    print("after cancel:               \(process.termination.map { "\($0)" } ?? "still running"), "
          + "peak RSS \(mib(statusKiB("VmHWM")))")
}

/// The state line of a process, e.g. "S (sleeping)".
func childState(_ pid: pid_t) -> String {
    let fd = open("/proc/\(pid)/status", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return "gone" }
    defer { close(fd) }
    var bytes = [UInt8](repeating: 0, count: 4096)
    let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return "gone" }
    let line = String(decoding: bytes[..<count], as: UTF8.self).split(separator: "\n")
        .first { $0.hasPrefix("State:") } ?? ""
    return String(line.dropFirst("State:".count).drop { $0 == "\t" || $0 == " " })
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "lines" where arguments.count > 1: try benchLines(Array(arguments.dropFirst()))
    case "logged" where arguments.count > 2:
        try benchLines(Array(arguments.dropFirst(2)), logDirectory: arguments[1])
    case "paused": try benchPaused()
    default:
        print("usage: bench-process-reader lines <program> [args…] | logged <dir> <program> [args…] | paused")
        exit(2)
    }
} catch {
    print("bench-process-reader: \(error)")
    exit(1)
}
