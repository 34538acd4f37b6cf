import LTSetupCore
@testable import LTSetupUI
import RefusedAnswers
import Testing

/// What a hostile or careless operator types into the Details fields: every value refused in
/// an answers file, escape sequences, controls, marks, right-to-left text, emoji, NUL and a
/// 10,000-character paste. A field never holds what a terminal would obey, the frame keeps
/// its layout, a refused value is named by its field, and nothing but the draft is written.
@Suite struct HostileTypingTests {
    /// The values typed into every text field, beside the field's own refused values.
    static let typed: [String] = [
        "\u{1B}[2J\u{1B}[H", "\u{1B}]0;PWNED\u{07}", "\u{1B}P+q\u{1B}\\", "\u{9B}31m", "\u{1B}[31mred",
        "a\u{0}b", "\u{7F}\u{8}\u{1}\u{2}\u{3}\u{4}\u{1A}\u{1C}", "line\r\nbreak", "tab\there",
        "e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}.example.org", "\u{202E}gro.elpmaxe", "x\u{2066}y\u{2069}z",
        "\u{200B}\u{200E}\u{2028}\u{2029}", "שלום.example.org", "مرحبا.example.org",
        "📻🎙️👩‍👩‍👧‍👦🇫🇷.example.org", "ｆｕｌｌｗｉｄｔｈ", String(repeating: "x", count: 10_000),
    ]

    static let cases: [(DetailsField, String)] =
        (RefusedAnswers.domains + typed).map { (DetailsField.domain, $0) }
        + (RefusedAnswers.backends + typed).map { (.backend, $0) }
        + (RefusedAnswers.emails + typed).map { (.email, $0) }
        + (RefusedAnswers.acmeServers + typed).map { (.acmeURL, $0) }
        + (RefusedAnswers.icecastPorts + typed).map { (.icecastPort, $0) }

    /// The Details screen with `field` focused and emptied.
    static func emptied(_ field: DetailsField) -> AppState {
        var state = AppState.atDetails
        if field == .acmeURL {
            while state.details.focus != .acmeServer { state.press(.tab) }
            state.press(.left)
        }
        while state.details.focus != field { state.press(.tab) }
        state.press(.end, .control("u"))
        return state
    }

    static func text(of field: DetailsField, in form: DetailsForm) -> TextField {
        switch field {
        case .domain: form.domain
        case .backend: form.backend
        case .email: form.email
        case .acmeURL: form.acmeURL
        default: form.icecastPort
        }
    }

    @Test(arguments: cases)
    func aTypedValueIsHeldSafelyAndJudgedAsInAFile(_ field: DetailsField, _ value: String) {
        var state = Self.emptied(field)
        let normal = state.lines
        let typing = state.type(value)
        let held = Self.text(of: field, in: state.details)
        let shown = FieldError.visible(value)

        // Only what a terminal shows as text is kept, up to the field's capacity.
        let printable = value.filter(TextField.isPrintable)
        #expect(held.characters == Array(printable.prefix(held.capacity)), "\(field) \(shown)")
        #expect(TerminalText.isSafe(held.text), "\(field) holds a control: \(shown)")
        #expect(typing.allSatisfy { if case .saveAnswers = $0 { true } else { false } })

        // Leaving the field and asking to continue judges what it holds as the validator
        // judges that text in an answers file; a refusal is named by the field.
        let effects = state.press(.tab) + Self.continuing(&state)
        let refused = state.details.problem(field) != nil
        #expect(refused == (state.details.errors[field] != nil), "\(field) \(shown)")
        if printable == value && value.count <= held.capacity && !(field == .backend && value.isEmpty) {
            #expect(refused, "\(field) accepted \(shown), refused in an answers file")
        }
        if refused {
            #expect(state.lines.contains { $0.contains("✖ \(field.label)") }, "\(field) \(shown)")
            #expect(!effects.contains { if case .saveAnswers = $0 { false } else { true } },
                    "only the draft is saved for \(field) \(shown): \(effects)")
        }

        // The frame keeps its layout: the same title and footer rows, every row within the
        // width, and nothing in it a terminal would obey.
        let screen = Wizard.render(state)
        let lines = state.lines
        #expect(lines.count == normal.count)
        #expect(lines.first == normal.first)
        for row in 0..<screen.size.rows {
            var width = 0
            for column in 0..<screen.size.columns { width += DisplayWidth.of(screen[column, row].text) }
            #expect(width <= screen.size.columns, "row \(row) for \(field) \(shown)")
        }
        #expect(lines.allSatisfy { TerminalText.isSafe($0) }, "\(field) \(shown)")
    }

    /// Enter on the Continue button, reached with Tab.
    static func continuing(_ state: inout AppState) -> [WizardEffect] {
        var effects: [WizardEffect] = []
        while state.details.focus != .continueButton { effects += state.press(.tab) }
        return effects + state.press(.enter)
    }
}
