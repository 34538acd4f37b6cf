import LTSetupUI

/// One thing read from the terminal: a key, or the news that its size changed.
public enum KeyInput: Hashable, Sendable {
    /// A key the operator pressed.
    case key(Key)
    /// The terminal now has this size (ncurses has already resized its windows); repaint.
    case resize(Size)
    /// A key ncurses reported that the wizard has no use for (Insert, a keypad key, F13…),
    /// with its ncurses code or character value, for diagnostics.
    case unknown(UInt32)
}
