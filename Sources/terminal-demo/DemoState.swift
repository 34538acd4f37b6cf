import Glibc
import LTSetupTerminal
import LTSetupUI

/// What the demo frame shows.
struct DemoState {
    var lastKey = "none"
    /// Whether the last key was a typed character: the cursor then shows after it, as in a
    /// text field; any other key hides it.
    var typing = false
    /// Keys decoded so far: the benchmark waits for this number to change.
    var count = 0
    var resizes = 0
    var floodLines = 0
    /// The highlighted menu row, moved by Up and Down as in a wizard's list.
    var selected = 0

    static let menu = ["nginx", "Apache", "certbot", "Icecast"]

    /// Counts a key (a resize or hang-up changes no counter).
    mutating func take(_ input: KeyInput) {
        switch input {
        case .key(let key):
            lastKey = Self.name(of: key)
            count += 1
            if case .character = key { typing = true } else { typing = false }
            if key == .down { selected = (selected + 1) % Self.menu.count }
            if key == .up { selected = (selected + Self.menu.count - 1) % Self.menu.count }
        case .unknown(let value):
            lastKey = "unknown \(value)"
            count += 1
        case .resize:
            resizes += 1
        case .hangUp:
            break
        }
    }

    /// The frame for `size`: a box drawn from `glyphs` around the whole terminal, a title, and
    /// one line per fact, in several roles and styles so that colour and attributes show.
    func render(_ size: Size, terminal: TerminalScreen) -> Screen {
        var screen = Screen(size)
        guard size.columns >= 2, size.rows >= 2 else { return screen }
        let glyphs = terminal.glyphs
        drawBox(&screen, glyphs)
        screen.put(" terminal-demo ", at: Position(column: 2, row: 0), Style(.title, bold: true), limit: size.columns - 4)
        let capabilities = terminal.capabilities
        var lines: [(String, Style)] = [
            ("key: \(lastKey)", Style(.accent)),
            ("count: \(count)", .plain),
            ("size: \(size.columns)x\(size.rows)", .plain),
            ("pid: \(getpid())", Style(.muted)),
            ("glyphs: \(glyphs == .unicode ? "unicode" : "ascii")", .plain),
            ("colour: \(capabilities.color ? "on" : "off")", Style(capabilities.color ? .success : .normal)),
            ("term: \(terminal.terminalType ?? "?")", .plain),
            ("flood: \(floodLines) lines", Style(.warning)),
            ("wide: 日本語 café", .plain),
            ("\(glyphs.done) done \(glyphs.failed) failed", Style(.failure, underline: true)),
            ("q quits", Style(.muted)),
        ]
        for (index, item) in Self.menu.enumerated() {
            let isSelected = index == selected
            let text = "\(isSelected ? glyphs.selection : " ") \(item)" + String(repeating: " ", count: 12 - item.count)
            lines.append((text, Style(.normal, bold: isSelected, reverse: isSelected)))
        }
        for (index, line) in lines.enumerated() where index + 1 < size.rows - 1 {
            let end = screen.put(line.0, at: Position(column: 2, row: index + 1), line.1, limit: size.columns - 4)
            if index == 0 && typing { screen.cursor = Position(column: end, row: 1) }
        }
        return screen
    }

    func drawBox(_ screen: inout Screen, _ glyphs: Glyphs) {
        let right = screen.size.columns - 1, bottom = screen.size.rows - 1
        for column in 1..<right {
            screen[column, 0] = Cell(glyphs.horizontal)
            screen[column, bottom] = Cell(glyphs.horizontal)
        }
        for row in 1..<bottom {
            screen[0, row] = Cell(glyphs.vertical)
            screen[right, row] = Cell(glyphs.vertical)
        }
        screen[0, 0] = Cell(glyphs.topLeft)
        screen[right, 0] = Cell(glyphs.topRight)
        screen[0, bottom] = Cell(glyphs.bottomLeft)
        screen[right, bottom] = Cell(glyphs.bottomRight)
    }

    /// How the demo names a key on screen; the tests wait for these names.
    static func name(of key: Key) -> String {
        switch key {
        case .character(let character): "char \(character)"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .tab: "tab"
        case .backTab: "backtab"
        case .enter: "enter"
        case .escape: "escape"
        case .backspace: "backspace"
        case .delete: "delete"
        case .home: "home"
        case .end: "end"
        case .pageUp: "pageup"
        case .pageDown: "pagedown"
        case .function(let number): "f\(number)"
        case .control(let letter): "ctrl-\(letter)"
        }
    }
}
