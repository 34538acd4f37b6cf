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
            let expected = try #require(readWholeFile(path))
            let session = try TmuxSession(command: TerminalDemo.command("--show " + TmuxSession.quote(path)))
            try session.waitForScreen(expected)
        }
    }
}
