import Glibc
import LTSetupUI

/// A golden screen text (the format of `screens/`: one line per row, trailing spaces
/// dropped) painted as a `Screen`, for the tmux tests that compare ncurses' output with it.
struct GoldenScreen {
    let lines: [String]

    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let code: Int32
        var description: String { "cannot read \(path): \(String(cString: strerror(code)))" }
    }

    init(path: String) throws {
        guard let file = fopen(path, "r") else { throw ReadError(path: path, code: errno) }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The text laid out on a screen of `size`, clipped to it.
    func screen(_ size: Size) -> Screen {
        var screen = Screen(size)
        for (row, line) in lines.enumerated() where row < size.rows {
            screen.put(line, at: Position(column: 0, row: row))
        }
        return screen
    }
}
