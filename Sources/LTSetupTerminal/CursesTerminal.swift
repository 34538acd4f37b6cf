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

/// The system's pager (`less`, else `more`) on a file, on the operator's terminal; returns
/// when they leave it.
enum Pager {
    static func show(_ path: String) {
        for argv in [["less", "-R", "+G", path], ["more", path]] {
            let arguments = argv.map { strdup($0) } + [nil]
            defer { arguments.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawnp(&pid, argv[0], nil, nil, arguments, environ) == 0 else { continue }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return
        }
    }
}
