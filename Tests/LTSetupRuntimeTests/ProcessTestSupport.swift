import Glibc
import LTSetupCore
@testable import LTSetupRuntime

/// What a test run of a real program produced.
struct Outcome {
    var lines: [String] = []
    var termination: Termination?
    var pid: pid_t = 0
    var seconds: Double = 0
}

/// Short grace periods so that escalation tests take a fraction of a second.
let quickStop = RunOptions(gracePeriod: .milliseconds(200))

/// Runs a real program to its end through `PollLoop` and `RunningProcess`, as the wizard
/// would; `cancelWhen` is asked after each line whether to cancel now. Gives up (cancelling)
/// after `limit`, so a broken runner fails the test instead of hanging it.
func runProgram(_ argv: [String], environment: [String: String] = [:], timeout: Duration? = nil,
                options: RunOptions = quickStop, log: StepLog? = nil, outputInLog: Bool = false,
                limit: Duration = .seconds(20),
                cancelWhen: (String) -> Bool = { _ in false }) throws -> Outcome {
    let clock = ContinuousClock()
    let started = clock.now
    let process = try RunningProcess(argv: argv, environment: environment, timeout: timeout,
                                     options: options, log: log, outputInLog: outputInLog)
    var outcome = Outcome(pid: process.pid)
    let loop = PollLoop()
    while outcome.termination == nil {
        if clock.now - started > limit { process.cancel() }
        loop.pollOnce(process: process) { event in
            switch event {
            case .output(let line):
                outcome.lines.append(line)
                if cancelWhen(line) { process.cancel() }
            case .exited(let termination):
                outcome.termination = termination
            }
        }
    }
    outcome.seconds = seconds(clock.now - started)
    return outcome
}

func sh(_ script: String) -> [String] { ["sh", "-c", script] }

func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) / 1e18
}

/// Polls `condition` every 2 ms until it holds or `limit` passes; returns whether it held.
func eventually(within limit: Duration = .seconds(10), _ condition: () -> Bool) -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + limit
    while clock.now < deadline {
        if condition() { return true }
        usleep(2_000)
    }
    return condition()
}

/// A fresh directory under /tmp, removed by `removeTree`.
func makeTemporaryDirectory() -> String {
    var template = Array("/tmp/lt-setup-test-XXXXXX".utf8CString)
    return template.withUnsafeMutableBufferPointer { buffer in
        guard let base = buffer.baseAddress, let path = mkdtemp(base) else { return "/tmp" }
        return String(cString: path)
    }
}

func removeTree(_ path: String) {
    guard path.hasPrefix("/tmp/lt-setup-test-") else { return }
    _ = try? ProcessRunner().run(argv: ["rm", "-rf", "--", path]) { _ in }
}

func fileMode(_ path: String) -> mode_t {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    return info.st_mode & 0o7777
}

func readFile(_ path: String) -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { break }
        bytes += chunk[..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
