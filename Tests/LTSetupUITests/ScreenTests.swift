import LTSetupUI
import Testing

@Suite struct ScreenTests {
    @Test func textIsClippedAndTrailingSpacesDropped() {
        var screen = Screen(Size(columns: 10, rows: 2))
        let end = screen.put("hello world", at: Position(column: 2, row: 0))
        #expect(end == 10)
        screen.put("ab", at: Position(column: 0, row: 1), limit: 1)
        #expect(screen.text == "  hello wo\na\n")
    }

    @Test func wideCharactersTakeTwoCells() {
        var screen = Screen(Size(columns: 6, rows: 1))
        #expect(screen.put("日本x", at: Position(column: 0, row: 0)) == 5)
        #expect(screen[1, 0].text == "")
        #expect(screen.text == "日本x\n")
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }
}
