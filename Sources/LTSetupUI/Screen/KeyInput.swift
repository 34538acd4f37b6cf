/// One thing read from the terminal: a key, or the news that its size changed.
public enum KeyInput: Hashable, Sendable {
    /// A key the operator pressed.
    case key(Key)
    /// The terminal now has this size (ncurses has already resized its windows); repaint.
    case resize(Size)
    /// A key ncurses reported that the wizard has no use for (Insert, a keypad key, F13…),
    /// with its ncurses code or character value, for diagnostics.
    case unknown(UInt32)
    /// The terminal is gone: its input hung up (the ssh link dropped). Usually SIGHUP comes
    /// too, but not always (a process outside the terminal's session, a parent that ignores
    /// it); without this, poll would report the dead input as readable forever. Save, then
    /// exit as after SIGHUP.
    case hangUp
}
