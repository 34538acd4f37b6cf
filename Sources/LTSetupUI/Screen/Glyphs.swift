/// The characters a frame is drawn with: Unicode box drawing and marks where the terminal's
/// locale is UTF-8, plain ASCII elsewhere. Every state has its own glyph, so no meaning rests
/// on colour.
public struct Glyphs: Hashable, Sendable {
    public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public let teeLeft, teeRight: String
    public let selection: String
    public let done, failed, skipped, pending, running: String
    /// A check that found something to look at (a failure is `failed`, a pass `done`).
    public let warning: String
    public let spinner: [String]
    public let on, off: String
    /// A chosen and an unchosen option of a one-of-several choice.
    public let radioOn, radioOff: String
    /// Punctuation that has no ASCII twin: `…`, `—`, `×`, `·` and arrows. Text the wizard
    /// writes itself goes through these, so an ASCII terminal never shows a stray byte.
    public let ellipsis, dash, times, bullet, arrow: String
    public let arrowUp, arrowDown, arrowLeft, arrowRight: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", selection: "›",
        done: "✔", failed: "✖", skipped: "↷", pending: "·", running: "▸", warning: "⚠",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        on: "[x]", off: "[ ]", radioOn: "(•)", radioOff: "( )",
        ellipsis: "…", dash: "—", times: "×", bullet: "·", arrow: "→",
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", selection: ">",
        done: "v", failed: "x", skipped: "~", pending: ".", running: ">", warning: "!",
        spinner: ["|", "/", "-", "\\"],
        on: "[x]", off: "[ ]", radioOn: "(*)", radioOff: "( )",
        ellipsis: "...", dash: "-", times: "x", bullet: "-", arrow: "->",
        arrowUp: "Up", arrowDown: "Dn", arrowLeft: "Left", arrowRight: "Right")
}
