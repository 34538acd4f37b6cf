import CNcursesw
import Glibc

/// What the painter hands ncurses for one cell's text, made safe for the current locale.
///
/// A cell may hold anything a log line contained. ncurses would draw a control character as
/// `^X` over two cells, and a character the locale cannot encode as a `~`-escape; both would
/// shift the row. They become `?`, keeping one character per cell.
enum CellText {
    /// The most characters ncurses keeps in one cell (`CCHARW_MAX`): a base and its marks.
    static let maximumCharacters = 5

    /// Makes `text` drawable: `wide` says the renderer laid it out over two cells, `fits` that
    /// the second cell is on the terminal. A character the C library draws at another width
    /// than the layout gave it is replaced (`?` for wide-drawn-narrow-laid), so that the grid
    /// of the `Screen` and of the terminal stay the same.
    static func drawable(_ text: String, wide: Bool, fits: Bool) -> (text: [wchar_t], isWide: Bool) {
        let scalars = Array(text.unicodeScalars)
        guard let base = scalars.first else { return ([32], false) }
        let baseWidth = cn_wcwidth(wchar_t(bitPattern: base.value))
        if baseWidth <= 0 { return ([63], false) }
        if baseWidth == 2 && (!wide || !fits) { return ([63], false) }
        var characters = [wchar_t(bitPattern: base.value)]
        // Combining marks only (width 0 in this locale); anything else in the cell is dropped.
        for mark in scalars.dropFirst() where characters.count < maximumCharacters {
            let value = wchar_t(bitPattern: mark.value)
            if cn_wcwidth(value) == 0 { characters.append(value) }
        }
        return (characters, baseWidth == 2)
    }
}
