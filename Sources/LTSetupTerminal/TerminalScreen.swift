import CNcursesw
import Glibc
import LTSetupUI

/// The wizard's terminal, through ncurses: paints `Screen`s, reads keys, reports resizes and
/// puts the terminal back as it found it.
///
/// The caller owns the loop: it polls `inputFileDescriptor` (and the `TerminalRestorer`'s
/// signal pipe and its children's output) and calls `readKeys()` after every wake-up.
///
/// ```swift
/// let terminal = TerminalScreen()
/// try terminal.start()
/// defer { terminal.stop() }
/// let restorer = try TerminalRestorer(screen: terminal)
/// terminal.paint(render(state, terminal.size))
/// ```
///
/// Not thread-safe: ncurses is not. Use it from the one thread that runs the loop.
public final class TerminalScreen {
    /// What the terminal can do; its glyphs and colour are final once `start()` returned.
    public private(set) var capabilities: TerminalCapabilities
    /// The terminal type ncurses accepted: `TERM`, or a fallback when `TERM` has no terminfo
    /// entry on this server. Nil before `start()`.
    public private(set) var terminalType: String?
    /// True between `start()` and `stop()`.
    public private(set) var isActive = false
    /// Characters cut between two reads of the keyboard.
    var utf8 = UTF8Assembler()
    /// Standard input, for the caller's `poll`.
    public let inputFileDescriptor: Int32 = STDIN_FILENO

    /// The glyphs frames should be rendered with.
    public var glyphs: Glyphs { capabilities.glyphs }

    /// The ncurses screen from `newterm`, freed by `stop()`.
    var cursesScreen: OpaquePointer?
    /// Whether the hardware cursor is shown now; nil until the first paint decides.
    var cursorShown: Bool?

    /// Creates a terminal that `start()` will take over.
    public init(capabilities: TerminalCapabilities = .current()) {
        self.capabilities = capabilities
    }

    deinit { stop() }

    /// Takes over the terminal: locale, `newterm` (with fallbacks), raw keys, colours.
    ///
    /// Throws `TerminalError.plainModeRequired` when the capabilities call for plain mode,
    /// and `.noUsableTerminalType` when no terminal type is known here. Nothing is drawn until
    /// the first `paint`. Calling it again while active does nothing.
    public func start() throws {
        guard !isActive else { return }
        if let reason = capabilities.plainReason { throw TerminalError.plainModeRequired(reason) }
        adoptLocale()
        // Anything the caller printed must reach the terminal before the alternate screen.
        fflush(nil)
        cn_restore_save_tty()
        // Exported LINES/COLUMNS override the tty's size in ncurses, and then a resize is
        // lost (measured: use_tioctl(true) still kept the old width; use_env(false) stopped
        // resizes altogether). Without them ncurses asks the tty, at start and on SIGWINCH.
        // Children are better off without them too: they would be stale after a resize.
        unsetenv("LINES")
        unsetenv("COLUMNS")
        try openTerminal()
        configureInput()
        configureColor()
        cursorShown = nil
        cn_restore_arm()
        isActive = true
    }

    /// Gives the terminal back: leaves the alternate screen, restores the modes it had before
    /// `start()`, shows the cursor. Safe to call any number of times, and from a `defer`.
    public func stop() {
        guard isActive else { return }
        isActive = false
        cn_restore_disarm()
        endwin()
        if let cursesScreen { delscreen(cursesScreen) }
        cursesScreen = nil
        // Whatever the caller prints next (an error message) goes after the restored screen.
        fflush(nil)
    }

    /// The terminal's size now, in cells; `Size(0, 0)` when not active.
    public var size: Size {
        guard isActive, let window = cn_stdscr() else { return Size(columns: 0, rows: 0) }
        return Size(columns: Int(getmaxx(window)), rows: Int(getmaxy(window)))
    }

    /// Reads every key that is waiting, without blocking (except for ncurses' 25 ms wait after
    /// a lone Esc, to tell Esc from the start of an arrow key's sequence).
    ///
    /// Also returns `.resize` when the terminal changed size since the last call: consecutive
    /// resizes come back as one, with the latest size; and `.hangUp` when the input is gone.
    /// Returns `[]` when nothing is waiting.
    public func readKeys() -> [KeyInput] {
        guard isActive, let window = cn_stdscr() else { return [] }
        var raw: [RawKey] = []
        // A bound, so that a terminal pasting megabytes cannot starve the rest of the loop.
        while raw.count < 4096 {
            let value = wgetch(window)
            if value == ERR { break }
            if value > 0xFF {
                raw.append(RawKey(isKeyCode: true, value: UInt32(value)))
            } else if let scalar = utf8.take(UInt8(value)) {
                raw.append(.character(scalar.value))
            }
        }
        var inputs: [KeyInput] = []
        for key in EscapeSequences.dropped(from: raw) {
            let input = KeyDecoder.decode(isKeyCode: key.isKeyCode, value: key.value) { self.size }
            if case .resize = input, case .resize = inputs.last {
                inputs[inputs.count - 1] = input
            } else {
                inputs.append(input)
            }
        }
        // Nothing read after a wake-up: either a signal woke the caller, or the input hung up
        // (ncurses reads end-of-file as "no key"). Only poll can tell.
        if inputs.isEmpty && inputHungUp() { return [.hangUp] }
        return inputs
    }

    /// Whether the terminal's input has hung up, without waiting.
    func inputHungUp() -> Bool {
        var descriptor = pollfd(fd: inputFileDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0 else { return false }
        return descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// Sets `LC_CTYPE` from the environment, falling back to C.UTF-8 when UTF-8 is wanted but
    /// the named locale is missing, and settles the glyphs from the result.
    ///
    /// Only `LC_CTYPE`: it is all ncurses needs, and `LC_ALL` would also switch `LC_NUMERIC`
    /// for the whole process (a German locale makes C's printf write "1,5").
    func adoptLocale() {
        setlocale(LC_CTYPE, "")
        if let fallback = capabilities.localeFallback(afterCodeset: Self.codeset()) {
            setlocale(LC_CTYPE, fallback)
        }
        capabilities.adoptLocale(codeset: Self.codeset())
    }

    static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }

    /// `newterm` with each terminal type in turn: unlike `initscr`, it returns NULL for a type
    /// without a terminfo entry instead of exiting the process.
    func openTerminal() throws {
        for type in capabilities.terminalTypes {
            if let screen = cn_newterm(type) {
                cursesScreen = screen
                terminalType = type
                return
            }
        }
        throw TerminalError.noUsableTerminalType(tried: capabilities.terminalTypes)
    }

    /// Raw keys: raw() so that ^C, ^S and ^Q arrive as keys (and ^S cannot freeze the
    /// screen's output by XOFF); nonl() so Enter reads as CR; keypad() so arrows and function
    /// keys arrive decoded; nodelay() for reading only what the caller's poll saw;
    /// typeahead(-1) so that painting never looks at input.
    func configureInput() {
        guard let window = cn_stdscr() else { return }
        raw()
        noecho()
        nonl()
        keypad(window, true)
        KeySequences.defineAlternates()
        meta(window, true)
        nodelay(window, true)
        // The default 1000 ms makes Esc feel broken; 25 ms still joins an ssh-split sequence.
        set_escdelay(25)
        // Leaving the cursor where the last update ended saves bytes on every frame.
        leaveok(window, true)
        // No typeahead check while painting: by default ncurses polls the terminal for
        // pending input as it writes a frame (an optimisation for slow serial lines) and
        // holds back output when a key is waiting. The caller's own poll() decides when
        // keys are read; a frame is always written whole.
        typeahead(-1)
    }

    /// Colour when allowed and available: one pair per `Role`, on the terminal's own
    /// background. In monochrome `start_color` is never called, so no colour sequence is sent.
    func configureColor() {
        let hasColors = has_colors()
        guard capabilities.colorAllowed, hasColors, start_color() != ERR else {
            capabilities.adoptTerminal(hasColors: false, colors: 0)
            return
        }
        capabilities.adoptTerminal(hasColors: hasColors, colors: Int(cn_colors()))
        guard capabilities.color else { return }
        let defaultBackground = use_default_colors() != ERR
        RolePalette.install(colors: Int(cn_colors()), defaultBackground: defaultBackground)
    }
}
