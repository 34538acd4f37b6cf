import Glibc
import TmuxTestSupport
import Testing

extension TerminalEndToEnd {
    /// `terminal-demo --show FILE` paints a golden screen text through ncurses; tmux's
    /// capture must give the file back byte for byte. The wizard's golden tests use this path.
    @Suite struct Golden {
        @Test(arguments: ["painter-box-80x24.txt", "painter-plain-80x24.txt"])
        func captureEqualsThePaintedFile(name: String) throws {
            let path = TerminalDemo.fixture(name)
            let expected = try #require(readText(path))
            let session = try TmuxSession(command: TerminalDemo.command("--show " + TmuxSession.quote(path)))
            try session.waitForScreen(expected)
        }
    }
}

/// A whole text file, or nil.
func readText(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
