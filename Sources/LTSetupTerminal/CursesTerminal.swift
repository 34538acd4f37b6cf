import Glibc
import LTSetupUI

/// The wizard's terminal through ncurses: `TerminalScreen` paints and reads keys,
/// `TerminalRestorer` hears the signals and gives the terminal back on every path.
public final class CursesTerminal: WizardTerminal {
    let screen: TerminalScreen
    var restorer: TerminalRestorer?

    public init(capabilities: TerminalCapabilities) {
        screen = TerminalScreen(capabilities: capabilities)
    }

    public var size: Size { screen.size }
    public var glyphs: Glyphs { screen.glyphs }
    public var inputFileDescriptor: Int32 { screen.inputFileDescriptor }
    public var signalFileDescriptor: Int32 { restorer?.signalFileDescriptor ?? -1 }

    public func start() throws {
        try screen.start()
        if restorer == nil { restorer = try TerminalRestorer(screen: screen) }
    }

    public func restore() {
        screen.stop()
    }

    public func takeTerminationSignal() -> Int32? {
        restorer?.takeTerminationSignal()
    }

    public func readKeys() -> [KeyInput] {
        screen.readKeys()
    }

    public func paint(_ frame: Screen, clearingFirst: Bool) {
        screen.paint(frame, clearingFirst: clearingFirst)
    }

    public func page(_ path: String) {
        screen.stop()
        Pager.show(path)
        try? screen.start()
    }
}

/// `less` on a file, on the operator's terminal; returns when they leave it.
///
/// It runs as root: in secure mode (LESSSECURE=1: no `!command`, no editor, no log file,
/// no other file opened), without LESSOPEN's input filters, and without -R, so that a
/// program's escape sequences in the log are shown, not sent to the terminal. `more` is
/// not a fallback: it has a shell escape of its own.
enum Pager {
    /// Shows `path`; false when `less` could not be started. `program`: another `less`,
    /// for the tests.
    @discardableResult
    static func show(_ path: String, program: String = "less") -> Bool {
        let argv = [program, "+G", "--", path]
        var environment = ProcessInfoEnvironment.current.filter { entry in
            !["LESSSECURE", "LESSOPEN", "LESSCLOSE", "LESSKEY", "LESSKEYIN", "LESSEDIT", "VISUAL", "EDITOR", "LESS"]
                .contains(where: { entry.hasPrefix($0 + "=") })
        }
        environment.append("LESSSECURE=1")
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup($0) } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        // Ctrl-C, Ctrl-\ and Ctrl-Z in less go to the whole foreground process group: they
        // are less's (it stops a search; in secure mode it ignores Ctrl-Z), not a request to
        // leave or suspend the wizard. As system(3) does, the wizard ignores them while less
        // runs, and less gets them at their defaults.
        var ignore = sigaction()
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        let passed = [SIGINT, SIGQUIT, SIGTSTP]
        var saved = Array(repeating: Glibc.sigaction(), count: passed.count)
        for (index, number) in passed.enumerated() { sigaction(number, &ignore, &saved[index]) }
        defer {
            for (index, number) in passed.enumerated() { sigaction(number, &saved[index], nil) }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in passed { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        guard posix_spawnp(&pid, argv[0], nil, &attributes, arguments, variables) == 0 else { return false }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return true
    }
}

/// This process's environment, as NAME=value entries.
enum ProcessInfoEnvironment {
    static var current: [String] {
        var entries: [String] = []
        var pointer = environ
        while let entry = pointer.pointee {
            entries.append(String(cString: entry))
            pointer += 1
        }
        return entries
    }
}
