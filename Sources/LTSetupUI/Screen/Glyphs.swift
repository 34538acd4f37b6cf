/// The characters a frame is drawn with: Unicode box drawing and marks where the terminal's
/// locale is UTF-8, plain ASCII elsewhere. Every state has its own glyph, so no meaning rests
/// on colour.
public struct Glyphs: Hashable, Sendable {
    public let horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    public let teeLeft, teeRight: String
    public let selection: String
    public let done, failed, skipped, pending, running: String
    public let spinner: [String]
    public let on, off: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤", selection: "›",
        done: "✔", failed: "✖", skipped: "↷", pending: "·", running: "▸",
        spinner: ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
        on: "[x]", off: "[ ]")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+", selection: ">",
        done: "v", failed: "x", skipped: "~", pending: ".", running: ">",
        spinner: ["|", "/", "-", "\\"],
        on: "[x]", off: "[ ]")
}
