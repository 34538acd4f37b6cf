import Glibc

/// A program running in a detached tmux session of its own, driven like an operator's
/// terminal: keys in, screen text out. Reusable by any end-to-end test.
///
/// - Each session has its own tmux server (`-L` with a unique socket name), so tests can run
///   side by side; `kill()` (also run by `deinit`) ends it.
/// - tmux is started with `posix_spawn`, an empty signal mask and default signal actions, and
///   waited for with `waitpid`. (Foundation's `Process` leaks a socket into the tmux server,
///   and `waitUntilExit` then never returns; a blocked signal mask would be inherited by the
///   program under test.)
/// - The program gets a clean environment: `TERM=xterm-256color`, `LANG=C.UTF-8`, `PATH`,
///   `HOME`, plus `environment`, minus `unsetting`.
/// - Panes stay after their program exits (`remain-on-exit`), so its exit status and last
///   screen can be checked; tmux adds no "Pane is dead" line to that screen.
/// - Waiting polls `capture-pane` every few milliseconds; there are no fixed sleeps. A timeout
///   throws `TmuxSession.Timeout`, whose description holds the last screen.
public final class TmuxSession {
    /// A tmux command failed.
    public struct CommandFailed: Error, CustomStringConvertible {
        public let arguments: [String]
        public let status: Int32
        public let output: String
        public var description: String { "tmux \(arguments.joined(separator: " ")) failed (\(status)): \(output)" }
    }

    /// A wait ran out; the description shows what was awaited and the screen at the end.
    public struct Timeout: Error, CustomStringConvertible {
        public let awaited: String
        public let seconds: Double
        public let lastScreen: String

        public init(awaited: String, seconds: Double, lastScreen: String) {
            self.awaited = awaited
            self.seconds = seconds
            self.lastScreen = lastScreen
        }

        public var description: String {
            "timed out after \(seconds) s waiting for \(awaited); last screen:\n"
                + "-------- 8< --------\n\(lastScreen)-------- >8 --------"
        }
    }

    /// The session's name inside its server.
    public let target = "main"
    /// The `-L` socket name of this session's server.
    public let socket: String
    private var killed = false

    /// The environment every program starts with (before `environment` and `unsetting`).
    /// `https_proxy` points at a closed loopback port: the wizard's preflight reads the ACME
    /// server's directory with curl, which must fail at once, as offline, whatever the test
    /// machine's network does with outside addresses (a dropped packet would wait for curl's
    /// timeout).
    public static let baseEnvironment = [
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": "/tmp",
        "https_proxy": "http://127.0.0.1:9",
    ]

    /// Starts `command` (a shell command line) in a new session of `columns` × `rows`.
    public init(command: String, columns: Int = 80, rows: Int = 24, environment: [String: String] = [:],
         unsetting: [String] = []) throws {
        socket = "lt-setup-test-\(getpid())-\(UInt64.random(in: 0..<UInt64.max))"
        var paneEnvironment = Self.baseEnvironment.merging(environment) { $1 }
        unsetting.forEach { paneEnvironment.removeValue(forKey: $0) }
        let assignments = paneEnvironment.sorted { $0.key < $1.key }.map { Self.quote("\($0.key)=\($0.value)") }
        // env -i: the pane's environment is exactly ours, not the tmux server's. The exit
        // status goes into the pane's title, invisible on screen: tmux 3.3 often loses
        // `pane_dead_status` of a program that exits within milliseconds.
        let paneCommand = "env -i \(assignments.joined(separator: " ")) /bin/sh -c \(Self.quote(command)); "
            + "printf '\\033]2;\(Self.exitTitlePrefix)%d\\033\\\\' \"$?\""
        // The options come first in the same command list, so they hold before the program
        // starts (and could exit).
        try run(["set-option", "-g", "remain-on-exit", "on", ";",
                 // tmux 3.3 writes "Pane is dead (…)" into a dead pane, scrolling the
                 // program's last screen up by a line or more; an empty format writes nothing.
                 "set-option", "-g", "remain-on-exit-format", "", ";",
                 "set-option", "-g", "default-terminal", "xterm-256color", ";",
                 "set-option", "-g", "status", "off", ";",
                 "new-session", "-d", "-s", target, "-x", "\(columns)", "-y", "\(rows)", paneCommand])
    }

    deinit { kill() }

    /// Ends the tmux server and everything in it. Idempotent.
    public func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"])
    }

    // MARK: Input

    /// Sends keys by tmux name (`Down`, `Enter`, `Escape`, `BTab`, `F1`, `C-s`, `Home`…),
    /// each as the sequence the terminal type inside sends.
    public func sendKeys(_ keys: String...) throws {
        try sendKeys(contentsOf: keys)
    }

    /// `sendKeys` with the names in an array.
    public func sendKeys(contentsOf keys: [String]) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// Types `text` literally (UTF-8), as if pasted key by key.
    public func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// Resizes the window and waits until tmux has applied it (tmux coalesces resizes that
    /// follow each other closely, so the new state is awaited, not assumed).
    public func resize(columns: Int, rows: Int, timeout: Double = 5) throws {
        try run(["resize-window", "-t", target, "-x", "\(columns)", "-y", "\(rows)"])
        let wanted = "\(columns)x\(rows)"
        try waitFor("the pane to be \(wanted)", timeout: timeout, probe: { try self.info("#{pane_width}x#{pane_height}") }) {
            $0 == wanted
        }
    }

    // MARK: Output

    /// The visible screen as text: one line per row, trailing spaces trimmed, each line
    /// ending in a newline (the format of `Screen.text` and of the golden files).
    public func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", target])
    }

    /// The visible screen with SGR escape sequences for attributes and colours.
    public func captureWithEscapes() throws -> String {
        try run(["capture-pane", "-p", "-e", "-t", target])
    }

    /// A tmux format expanded for the pane, e.g. `#{pane_dead_status}` or `#{alternate_on}`.
    public func info(_ format: String) throws -> String {
        var text = try run(["display-message", "-p", "-t", target, format])
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    // MARK: Waiting

    /// Waits until the screen contains `text`; returns that screen.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 5) throws -> String {
        try waitFor("\"\(text)\"", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the screen contains every one of `texts`; returns that screen.
    ///
    /// Check related parts of a frame together, never one after the other: the pty may hand a
    /// frame to tmux in pieces, so a capture can show one line of it already changed and the
    /// next not yet.
    @discardableResult
    public func waitForAll(_ texts: String..., timeout: Double = 5) throws -> String {
        try waitForAll(contentsOf: texts, timeout: timeout)
    }

    /// `waitForAll` with the texts in an array.
    @discardableResult
    public func waitForAll(contentsOf texts: [String], timeout: Double = 5) throws -> String {
        try waitFor(texts.map { "\"\($0)\"" }.joined(separator: " and "), timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Waits until the screen satisfies `predicate`; returns that screen.
    @discardableResult
    public func waitFor(_ awaited: String, timeout: Double = 5, _ predicate: (String) -> Bool) throws -> String {
        try waitFor(awaited, timeout: timeout, probe: capture, predicate)
    }

    /// Waits until the screen is exactly `expected`; on timeout the error shows a line diff.
    public func waitForScreen(_ expected: String, timeout: Double = 5) throws {
        do {
            try waitFor("the exact screen", timeout: timeout) { $0 == expected }
        } catch let timeout as Timeout {
            throw Timeout(awaited: "the exact screen; differing lines:\n"
                            + Self.lineDiff(expected: expected, actual: timeout.lastScreen),
                          seconds: timeout.seconds, lastScreen: timeout.lastScreen)
        }
    }

    /// Waits until the program in the pane has exited; returns its exit status (128 + n when
    /// a signal killed it, as the shell reports it).
    public func waitForExit(timeout: Double = 5) throws -> Int32 {
        let title = try waitFor("the program to exit", timeout: timeout, probe: { try self.info("#{pane_title}") }) {
            $0.hasPrefix(Self.exitTitlePrefix)
        }
        return Int32(title.dropFirst(Self.exitTitlePrefix.count)) ?? -1
    }

    /// What the pane's title starts with once the program has exited, before its status.
    public static let exitTitlePrefix = "lt-setup-test-exit="

    /// Polls `probe` every few milliseconds until `predicate` holds; on timeout throws with the
    /// last screen.
    @discardableResult
    public func waitFor(_ awaited: String, timeout: Double, probe: () throws -> String,
                 _ predicate: (String) -> Bool) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(timeout * 1000))
        while true {
            let value = try probe()
            if predicate(value) { return value }
            if clock.now >= deadline {
                throw Timeout(awaited: awaited, seconds: timeout, lastScreen: (try? capture()) ?? value)
            }
            usleep(3_000)
        }
    }

    // MARK: Running tmux

    /// Runs `tmux -L socket ARGUMENTS` and returns its standard output.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        let result = try Spawn.run(["tmux", "-L", socket, "-f", "/dev/null"] + arguments,
                                   environment: ["PATH": Self.baseEnvironment["PATH"] ?? "/usr/bin:/bin",
                                                 "LANG": "C.UTF-8", "HOME": "/tmp"])
        guard result.status == 0 else {
            throw CommandFailed(arguments: arguments, status: result.status, output: result.output + result.errors)
        }
        return result.output
    }

    /// Single-quotes `text` for sh.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingEvery("'", with: "'\\''") + "'"
    }

    /// The rows that differ, numbered from 1, as `-` expected and `+` actual.
    public static func lineDiff(expected: String, actual: String) -> String {
        let left = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let right = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for index in 0..<max(left.count, right.count) {
            let want = index < left.count ? String(left[index]) : "<none>"
            let got = index < right.count ? String(right[index]) : "<none>"
            if want != got { lines += ["\(index + 1)-\(want)", "\(index + 1)+\(got)"] }
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func replacingEvery(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
