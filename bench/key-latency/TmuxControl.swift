// The tmux side of bench-key-latency: starting tmux, and one control-mode client that
// carries every command (see main.swift).
import Glibc

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
