/// Why the terminal could not be used for the wizard; each message says what to do.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The environment calls for plain mode; the caller should not have started curses.
    case plainModeRequired(TerminalCapabilities.PlainReason)
    /// `newterm` refused every terminal type tried.
    case noUsableTerminalType(tried: [String])
    /// `TerminalRestorer` was created before `TerminalScreen.start()`, when ncurses would
    /// then keep its own signal handlers out, and SIGWINCH would never reach it.
    case restorerBeforeStart
    /// The signal self-pipe could not be set up.
    case signalPipeFailed(errno: Int32)

    public var description: String {
        switch self {
        case .plainModeRequired(let reason):
            "cannot draw the wizard: \(reason); use the plain prompts instead"
        case .noUsableTerminalType(let tried):
            "no terminal description found for \(tried.joined(separator: ", ")); "
                + "set TERM to a type this server knows (e.g. TERM=xterm-256color)"
        case .restorerBeforeStart:
            "internal error: TerminalRestorer needs a started TerminalScreen"
        case .signalPipeFailed(let code):
            "cannot watch for signals (errno \(code)); the terminal could not be restored on hang-up"
        }
    }
}
