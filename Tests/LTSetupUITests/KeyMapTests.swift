import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

/// The footer is drawn from the same key map `update` reads, and no key it shows is dead.
@Suite struct KeyMapTests {
    /// Every golden scenario's state, and every state one key of its map away.
    static let states: [AppState] = {
        let ends = GoldenScenarios.all.map { $0.replay().state }
        var states = ends
        for state in ends {
            for binding in Wizard.keyMap(for: state) {
                for key in binding.keys {
                    var next = state
                    _ = Wizard.update(&next, .keyPressed(key))
                    states.append(next)
                }
            }
        }
        return states
    }()

    @Test func theFooterIsTheKeyMapsFooterBindings() {
        for state in Self.states where !state.isTooSmall {
            let expected = Wizard.keyMap(for: state).filter(\.inFooter)
                .map { "\($0.footerLabel(state.glyphs)) \($0.help)" }
                .joined(separator: "  ")
            #expect(state.footer == expected, "on \(state.screen) with \(String(describing: state.overlay))")
        }
    }

    @Test func everyBindingIsHandledByUpdateForEveryOneOfItsKeys() {
        for state in Self.states {
            for binding in Wizard.keyMap(for: state) {
                for key in binding.keys {
                    var copy = state
                    #expect(Wizard.perform(binding.intent, key: key, &copy) != nil,
                            "\(binding.help) (\(key)) is offered on \(state.screen) but does nothing")
                }
            }
        }
    }

    @Test func noBindingHidesAnother() {
        for state in Self.states {
            let map = Wizard.keyMap(for: state)
            for binding in map {
                #expect(Set(binding.shown).isSubset(of: binding.keys))
                for key in binding.keys {
                    #expect(map.first { $0.keys.contains(key) } == binding, "\(key) is taken twice on \(state.screen)")
                }
            }
        }
    }

    @Test func theFooterFitsAt80Columns() {
        for state in Self.states where state.size.columns == 80 && !state.isTooSmall {
            let footer = Wizard.keyMap(for: state).filter(\.inFooter)
                .map { "\($0.footerLabel(state.glyphs)) \($0.help)" }.joined(separator: "  ")
            #expect(DisplayWidth.of(footer) <= 78, "\(footer)")
        }
    }

    @Test func keysOutsideTheMapChangeNothing() {
        for state in Self.states where !state.isEditingText {
            for key in [Key.character("z"), .function(5), .control("b"), .pageDown] {
                guard !Wizard.keyMap(for: state).contains(where: { $0.keys.contains(key) }) else { continue }
                var copy = state
                #expect(Wizard.update(&copy, .keyPressed(key)) == [])
                #expect(copy == state)
            }
        }
    }

    @Test func helpListsEveryKeyOfTheScreenBelow() {
        var state = AppState.atDetails
        state.press(.function(1))
        let text = state.lines.joined(separator: "\n")
        var below = state
        below.overlay = nil
        for binding in Wizard.keyMap(for: below) {
            #expect(text.contains(binding.helpLabel(state.glyphs)))
            #expect(text.contains(binding.help))
        }
    }

    @Test func keysAreNamedForTheTerminalsGlyphs() {
        let move = KeyBinding([.up, .down], "move", .move)
        #expect(move.footerLabel(.unicode) == "↑↓")
        #expect(move.footerLabel(.ascii) == "Up/Dn")
        let quit = KeyBinding([.character("q"), .control("q")], "quit", .quit)
        #expect(quit.footerLabel(.unicode) == "q")
        #expect(quit.helpLabel(.unicode) == "q ^Q")
        #expect(KeyBinding([.character(" ")], "switch", .toggle).footerLabel(.unicode) == "Space")
    }
}
