import CNcursesw
import Glibc
import LTSetupUI

extension TerminalScreen {
    /// Shows `screen`: copies every cell into ncurses' virtual screen, places or hides the
    /// cursor, then lets `doupdate` send only what differs from what the terminal shows, which
    /// keeps a key press down to a few dozen bytes over ssh.
    ///
    /// Cells outside the terminal are dropped; terminal cells outside `screen` are blank.
    /// Bold, reverse and underline are always drawn; colour only when `capabilities.color`.
    /// With `clearingFirst`, the terminal is cleared and every cell sent again (Ctrl-L), for a
    /// screen that something else wrote over.
    public func paint(_ screen: Screen, clearingFirst: Bool = false) {
        guard isActive, var window = cn_stdscr() else { return }
        if clearingFirst, adoptTerminalSize(), let resized = cn_stdscr() { window = resized }
        let visible = size
        if clearingFirst { wclear(window) } else { werase(window) }
        let rows = min(screen.size.rows, visible.rows)
        let columns = min(screen.size.columns, visible.columns)
        for row in 0..<rows {
            paintRow(row, of: screen, columns: columns, window: window)
        }
        placeCursor(screen.cursor, visible: visible, window: window)
        wnoutrefresh(window)
        doupdate()
    }

    /// One row, cell by cell at its own column, so that a width disagreement between the
    /// renderer and the C library can never shift the rest of the row.
    func paintRow(_ row: Int, of screen: Screen, columns: Int, window: UnsafeMutablePointer<WINDOW>) {
        var column = 0
        while column < columns {
            let cell = screen[column, row]
            let laidOutWide = column + 1 < screen.size.columns && screen[column + 1, row].text.isEmpty
                && !cell.text.isEmpty
            let attributes = attributes(for: cell.style)
            let pair = capabilities.color ? RolePalette.pair(for: cell.style.role) : 0
            let drawn = CellText.drawable(cell.text, wide: laidOutWide, fits: column + 1 < columns)
            put(drawn.text, row: row, column: column, attributes: attributes, pair: pair, window: window)
            // The cell after a wide character is its right half: ncurses fills it. When the
            // C library draws that character narrow, a blank keeps the grid.
            if laidOutWide {
                if !drawn.isWide && column + 1 < columns {
                    put(" ", row: row, column: column + 1, attributes: attributes, pair: pair, window: window)
                }
                column += 2
            } else {
                column += 1
            }
        }
    }

    /// Draws one cell's text with `setcchar` and `mvwadd_wch` (a base character plus up to four
    /// combining marks).
    func put(_ text: [wchar_t], row: Int, column: Int, attributes: attr_t, pair: Int16,
             window: UnsafeMutablePointer<WINDOW>) {
        var cell = cchar_t()
        let terminated = text + [0]
        terminated.withUnsafeBufferPointer { characters in
            _ = setcchar(&cell, characters.baseAddress, attributes, pair, nil)
        }
        // In the bottom-right cell this returns ERR (the cursor cannot advance past the end
        // of a non-scrolling window) after having stored the character, which is all we need.
        _ = mvwadd_wch(window, Int32(row), Int32(column), &cell)
    }

    func put(_ text: String, row: Int, column: Int, attributes: attr_t, pair: Int16,
             window: UnsafeMutablePointer<WINDOW>) {
        put(text.unicodeScalars.map { wchar_t(bitPattern: $0.value) }, row: row, column: column,
            attributes: attributes, pair: pair, window: window)
    }

    /// The ncurses attributes of a style. Bold, reverse and underline carry meaning (the
    /// selected row is reversed) and are kept in monochrome; roles are colour only.
    func attributes(for style: Style) -> attr_t {
        var attributes: attr_t = 0
        if style.bold { attributes |= cn_attr_bold() }
        if style.reverse { attributes |= cn_attr_reverse() }
        if style.underline { attributes |= cn_attr_underline() }
        return attributes
    }

    /// Shows the cursor at `position` (a text field being edited) or hides it, switching
    /// `curs_set` only when that changes, since each switch costs bytes.
    func placeCursor(_ position: Position?, visible: Size, window: UnsafeMutablePointer<WINDOW>) {
        var target = position
        if let position, position.column >= visible.columns || position.row >= visible.rows
            || position.column < 0 || position.row < 0 {
            target = nil
        }
        let show = target != nil
        if cursorShown != show {
            curs_set(show ? 1 : 0)
            cursorShown = show
        }
        // With leaveok the cursor stays wherever the update ended, which is only fine hidden.
        leaveok(window, !show)
        if let target { wmove(window, Int32(target.row), Int32(target.column)) }
    }
}

extension TerminalScreen {
    /// Makes ncurses' size the terminal's own when a resize went by without ncurses seeing a
    /// change (a window shrunk and grown back between two looks), which also cut what the
    /// terminal showed; returns true when it changed. A whole repaint follows.
    func adoptTerminalSize() -> Bool {
        var real = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &real) == 0, real.ws_row > 0, real.ws_col > 0 else { return false }
        let known = size
        guard Int(real.ws_col) != known.columns || Int(real.ws_row) != known.rows else { return false }
        resizeterm(Int32(real.ws_row), Int32(real.ws_col))
        return true
    }
}
