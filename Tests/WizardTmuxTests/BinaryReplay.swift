import GoldenScenarios
import LTSetupCore
import LTSetupUI

/// How the real binary, started as `lt-setup --root FIXTURE`, reaches a golden scenario's
/// screen by itself: the keys to send, and the frame each group of keys leads to.
///
/// A scenario is replayable when everything in it is something the binary does on its
/// own: its setup is what the binary makes from the fixture (the size and locale come from
/// tmux, an unfinished session from the session file the test writes), and every
/// `.program` step is the binary's own reply to the key before it: the `.planReady` (or
/// `.planFailed`) it builds from the same server files for `.buildPlan`. Saving answers is
/// answered with `.sessionSaved` (in a preview nothing is written), which the scenarios
/// leave out; it is applied here too, and must not change the scenario's last frame.
///
/// Preflight runs on the real machine (in a `--root` preview with its real probes, every
/// check shown as advice: see `WizardSession.preflight`), so its results are not the
/// scenario's fake ones: a scenario that ends on the preflight results is not replayable,
/// and one that goes on past them waits for the preflight screen to settle (its results
/// in, Enter offered) instead of comparing that frame, then presses Enter as the scenario
/// does; the frames after it are compared exactly again.
///
/// Scenarios with run events and clock ticks are not replayable so: the binary refuses to
/// run a preview, and a real run's output and times are not the fake run's. Those are
/// replayed with `wizard-replay NAME` instead (`scripted`): the same
/// program, its backend answering each key with the scenario's own reports.
struct BinaryReplay {
    /// Keys sent together, then the frame they lead to.
    struct Move {
        var keys: [Key]
        /// The exact frame; nil when it shows the machine's own preflight results.
        var frame: String?
        /// What the screen shows once settled, when the frame cannot be compared: all of it
        /// in one capture (a frame reaches tmux in pieces, and the footer of the screen before
        /// may still be there under the new title).
        var settled: [String] = []

        var description: String { keys.map(Self.name).joined(separator: " ") }

        static func name(_ key: Key) -> String {
            if case .character(let character) = key { return "'\(character)'" }
            return TmuxKeys.name(key) ?? "\(key)"
        }
    }

    let scenario: GoldenScenario
    let initialFrame: String
    let moves: [Move]
    /// The scenario starts with an unfinished session on disk: write `UnfinishedSession`.
    let resumesSession: Bool
    /// The scenario starts with saved answers on disk: write `SavedDraft`.
    var resumesDraft = false
    /// The binary answers with the scenario's reports (`wizard-replay`), not its own.
    var scripted = false

    /// The locale that gives the scenario's glyphs: line drawing needs UTF-8.
    var language: String { scenario.setup.glyphs == .ascii ? "C" : "C.UTF-8" }

    /// Why a scenario cannot be replayed by the binary.
    struct NotReplayable: Error, CustomStringConvertible {
        let description: String
    }

    static func make(_ scenario: GoldenScenario) -> Result<BinaryReplay, NotReplayable> {
        // The binary runs as a `--root` preview, and its screens say so.
        var setup = scenario.setup
        setup.previewRoot = "the fixture"
        var resumes = false
        if let resumable = setup.resumable {
            guard resumable == UnfinishedSession.resumable else {
                return .failure(NotReplayable(description: "its unfinished session is not the one the tests write"))
            }
            resumes = true
        }
        if let draft = setup.draft, draft != SavedDraft.resumable {
            return .failure(NotReplayable(description: "its saved answers are not the ones the tests write"))
        }
        // No LibreTime nginx site in the fixture: the binary suggests the default backend.
        guard ScenarioFixtures.server.state(of: ServerPaths.libretimeNginxSite) == .missing,
              setup.suggestedBackend == Answers.defaultBackend.answer else {
            return .failure(NotReplayable(description: "its suggested backend is not the binary's for the fixture"))
        }

        var state = AppState(setup)
        let initialFrame = Wizard.render(state).text
        var moves: [Move] = []
        var replies: [WizardAction] = []
        var awaitingPreflight = false
        for step in scenario.steps {
            switch step {
            case .key(let key):
                if let missing = replies.first {
                    return .failure(NotReplayable(description: "the binary's reply \(missing) is missing before \(key)"))
                }
                if awaitingPreflight {
                    return .failure(NotReplayable(description: "the preflight results are missing before \(key)"))
                }
                for effect in Wizard.update(&state, .keyPressed(key)) {
                    switch effect {
                    case .saveAnswers:
                        _ = Wizard.update(&state, .sessionSaved)
                    case .buildPlan(let answers):
                        do {
                            replies.append(.planReady(try PlanBuilder.build(answers, on: ScenarioFixtures.server)))
                        } catch {
                            replies.append(.planFailed(error.message))
                        }
                    default:
                        return .failure(NotReplayable(description: "\(key) asks for \(effect), which a preview refuses or which needs a real run"))
                    }
                }
                let frame = Wizard.render(state).text
                if case .character = key, let last = moves.last, last.keys.allSatisfy(\.isCharacter) {
                    moves[moves.count - 1].keys.append(key)
                    moves[moves.count - 1].frame = frame
                } else {
                    moves.append(Move(keys: [key], frame: frame))
                }
            case .program(.preflightReady(let checks)) where awaitingPreflight:
                // The binary's results are its machine's: wait for them, do not compare.
                guard checks.allHardChecksPass else {
                    return .failure(NotReplayable(description: "its preflight blocks with the scenario's fake checks, not the binary's real ones"))
                }
                awaitingPreflight = false
                _ = Wizard.update(&state, .preflightReady(checks))
                if !moves.isEmpty {
                    moves[moves.count - 1].frame = nil
                    moves[moves.count - 1].settled = PreflightResults.shown
                }
            case .program(let action):
                guard replies.first == action else {
                    return .failure(NotReplayable(description: "the program reports \(Self.kind(action)), which the binary does not produce by itself"))
                }
                replies.removeFirst()
                for effect in Wizard.update(&state, action) {
                    if case .saveAnswers = effect {
                        _ = Wizard.update(&state, .sessionSaved)
                        continue
                    }
                    guard case .runPreflight = effect else {
                        return .failure(NotReplayable(description: "\(Self.kind(action)) asks for \(effect)"))
                    }
                    awaitingPreflight = true
                }
                if !moves.isEmpty { moves[moves.count - 1].frame = Wizard.render(state).text }
            }
        }
        if let missing = replies.first {
            return .failure(NotReplayable(description: "the scenario leaves out the binary's reply \(kind(missing))"))
        }
        if awaitingPreflight {
            return .failure(NotReplayable(description: "it ends while the binary checks this machine (Checking…)"))
        }
        if state.screen == .preflight {
            return .failure(NotReplayable(description: "it ends on the preflight results, which are the real machine's"))
        }
        guard Wizard.render(state).text == scenario.render().text else {
            return .failure(NotReplayable(description: "the binary's own replies (answers saved), or its being a --root preview, change the last frame"))
        }
        return .success(BinaryReplay(scenario: scenario, initialFrame: initialFrame, moves: moves, resumesSession: resumes,
                                     resumesDraft: setup.draft != nil))
    }

    /// The scenario as `wizard-replay` plays it: after each key, the scenario's reports up
    /// to the next key (`ScenarioScript`), every effect left undone. Characters typed in a
    /// row are sent together, and compared once, as `make` does.
    static func scripted(_ scenario: GoldenScenario) -> BinaryReplay {
        let script = ScenarioScript(scenario)
        var state = AppState(scenario.setup)
        for report in script.leading { _ = Wizard.update(&state, report) }
        let initialFrame = Wizard.render(state).text
        var moves: [Move] = []
        for turn in script.turns {
            _ = Wizard.update(&state, .keyPressed(turn.key))
            for report in turn.reports { _ = Wizard.update(&state, report) }
            let frame = Wizard.render(state).text
            if turn.key.isCharacter, let last = moves.last, last.keys.allSatisfy(\.isCharacter) {
                moves[moves.count - 1].keys.append(turn.key)
                moves[moves.count - 1].frame = frame
            } else {
                moves.append(Move(keys: [turn.key], frame: frame))
            }
        }
        return BinaryReplay(scenario: scenario, initialFrame: initialFrame, moves: moves, resumesSession: false,
                            scripted: true)
    }

    /// How the binary reaches the scenario: by itself when it can, else with its reports.
    static func best(_ scenario: GoldenScenario) -> BinaryReplay {
        (try? make(scenario).get()) ?? scripted(scenario)
    }

    /// The action's case, without its (long) payload.
    static func kind(_ action: WizardAction) -> String {
        switch action {
        case .runEvent(let event): "a run event (\(String("\(event)".prefix(40)))…)"
        case .tick(let seconds): "a clock tick (\(seconds) s)"
        case .runEnded: "the run's end"
        case .planReady: "a plan other than the binary's"
        default: String("\(action)".prefix(60))
        }
    }

    /// Every scenario the binary can reproduce, by name.
    static var replayableNames: [String] {
        GoldenScenarios.all.filter { (try? make($0).get()) != nil }.map(\.name)
    }

    /// Every scenario it cannot, with why.
    static var notReplayable: [(name: String, reason: String)] {
        GoldenScenarios.all.compactMap { scenario in
            if case .failure(let reason) = make(scenario) { return (scenario.name, reason.description) }
            return nil
        }
    }
}

/// The preflight screen once its results are in and nothing blocks (Checking… shows none
/// of this; the Details screen before it shows only the footer's "Enter continue").
enum PreflightResults {
    /// The status line says so only once the results are in, whatever they are (a preview
    /// goes on past a failed check: the binary's real one may fail where the scenario's
    /// passed). The footer alone would not do: the Details screen's "Enter continue" may
    /// still show while the preflight screen is painted over it.
    static let shown = [WizardScreen.preflight.progress, "Enter goes on to the preview", "Enter continue"]
}

extension Key {
    var isCharacter: Bool {
        if case .character = self { return true }
        return false
    }
}

/// `Key` as tmux's `send-keys` names it (the sequence the pane's TERM sends); characters
/// go literally (`send-keys -l`).
enum TmuxKeys {
    static func name(_ key: Key) -> String? {
        switch key {
        case .character: nil
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .tab: "Tab"
        case .backTab: "BTab"
        case .enter: "Enter"
        case .escape: "Escape"
        case .backspace: "BSpace"
        case .delete: "DC"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PPage"
        case .pageDown: "NPage"
        case .function(let number): "F\(number)"
        case .control(let letter): "C-\(letter)"
        }
    }
}
