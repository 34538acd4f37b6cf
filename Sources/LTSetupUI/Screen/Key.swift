/// A key the operator pressed, decoded by the terminal layer.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right
    case tab, backTab
    case enter, escape, backspace, delete
    case home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter, e.g. `.control("c")`; in raw mode ^C and ^S arrive as keys.
    case control(Character)
}
