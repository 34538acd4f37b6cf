/// What a key binding asks the wizard to do. Where a binding holds several keys, the key
/// pressed gives the direction (↑ or ↓, PgUp or PgDn, Tab or Shift-Tab).
public enum Intent: Hashable, Sendable {
    case showHelp
    case closeOverlay
    case quit
    /// Ctrl-L: paint the whole terminal again.
    case redraw
    /// Esc: the previous screen.
    case back
    /// The previous or next item of a list.
    case move
    /// Enter: take the highlighted choice, or go on.
    case choose
    /// The previous or next field of the form.
    case moveFocus
    /// Enter in the form: the next field, or check everything on the last.
    case submitField
    case moveCursor
    case erase
    case toggle
    /// The previous or next option of a one-of-several field.
    case changeOption
    case switchTab
    case scroll
    case runAll
    case runNext
    case retry
    /// Past a failed hard check, after a confirmation.
    case goOnAnyway
    case skip
    case abort
    case showLog
    case openPager
    case showSummary
    case confirm
    case cancel
}
