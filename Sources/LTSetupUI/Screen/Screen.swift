/// A terminal size in character cells.
public struct Size: Hashable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// The smallest terminal the wizard draws in.
    public static let minimum = Size(columns: 80, rows: 24)
}

/// A cell position, zero-based from the top left.
public struct Position: Hashable, Sendable {
    public var column: Int
    public var row: Int

    public init(column: Int, row: Int) {
        self.column = column
        self.row = row
    }
}

/// What a cell's text means; the painter maps each role to a colour, or to nothing in
/// monochrome. Meaning never rests on colour alone: every state also has a glyph.
public enum Role: Hashable, Sendable {
    case normal, title, accent, success, failure, warning, muted, added, removed
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ role: Role = .normal, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
}

/// One character cell. A wide character fills its cell and leaves the next one empty
/// (`text == ""`), as terminals draw it.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String = " ", _ style: Style = .plain) {
        self.text = text
        self.style = style
    }
}

/// A whole frame of the wizard, in memory: what the pure renderer makes and the ncurses
/// painter copies to the terminal, cell for cell.
public struct Screen: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor goes (a text field being edited); nil hides it.
    public var cursor: Position?

    public init(_ size: Size) {
        self.size = size
        cells = Array(repeating: Cell(), count: max(0, size.columns * size.rows))
    }

    public subscript(column: Int, row: Int) -> Cell {
        get { cells[row * size.columns + column] }
        set { cells[row * size.columns + column] = newValue }
    }

    /// Writes `text` from `position`, cut at `limit` columns (default: the right edge).
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: String, at position: Position, _ style: Style = .plain, limit: Int? = nil) -> Int {
        guard position.row >= 0, position.row < size.rows else { return position.column }
        let end = min(size.columns, position.column + (limit ?? size.columns))
        var column = position.column
        for character in text {
            let width = DisplayWidth.of(character)
            if width == 0 { continue }
            guard column + width <= end else { break }
            if column >= 0 {
                self[column, position.row] = Cell(String(character), style)
                if width == 2 { self[column + 1, position.row] = Cell("", style) }
            }
            column += width
        }
        return column
    }

    /// Gives cells a style without changing their text (a highlighted row).
    public mutating func restyle(row: Int, from start: Int, to end: Int, _ style: Style) {
        guard row >= 0, row < size.rows else { return }
        for column in max(0, start)..<min(size.columns, end) { self[column, row].style = style }
    }

    /// The frame as plain text, one line per row with trailing spaces removed: the format of
    /// the golden files in `screens/`, and what `tmux capture-pane -p` prints.
    public var text: String {
        (0..<size.rows).map { row in
            var line = ""
            for column in 0..<size.columns { line += self[column, row].text }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
