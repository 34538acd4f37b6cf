/// What the wizard's loop needs of a terminal: paint a `Screen`, read keys, hear the
/// signals that end it, and hand the terminal over to a pager. The ncurses terminal
/// (`CursesTerminal`) is one; the loop's tests use a terminal of their own.
public protocol WizardTerminal: AnyObject {
    /// The size to lay the screens out for.
    var size: Size { get }
    /// The glyphs the terminal can show.
    var glyphs: Glyphs { get }
    /// Readable when a key (or a resize, or the hang-up) is waiting.
    var inputFileDescriptor: Int32 { get }
    /// Readable when a signal came.
    var signalFileDescriptor: Int32 { get }

    /// Takes the terminal over: the screens are drawn from now on.
    func start() throws
    /// Gives the terminal back as it was. Idempotent.
    func restore()
    /// The first signal that asks to end (SIGINT, SIGTERM, SIGHUP, SIGQUIT) since the last
    /// call, if any.
    func takeTerminationSignal() -> Int32?
    /// What was typed or happened since the last call.
    func readKeys() -> [KeyInput]
    /// Paints the screen; with `clearingFirst`, every cell again (Ctrl-L).
    func paint(_ screen: Screen, clearingFirst: Bool)
    /// Shows a file in the system's pager, the terminal handed over meanwhile; returns when
    /// the operator leaves it.
    func page(_ path: String)
}
