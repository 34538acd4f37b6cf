import Foundation
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// One rule for which session a run uses, whatever the front end.
@Suite struct SessionChoiceTests {
    func plan(domain: String = "a.example.org") throws -> Plan {
        try PlanBuilder.build(Answers(domain: domain, email: "a@example.org"), on: InMemoryServerFiles())
    }

    func session(_ plan: Plan, id: String) -> Session {
        Session(id: id, createdAt: "2026-12-06T12:00:00Z", plan: plan)
    }

    @Test func withoutASavedSessionANewOneBegins() throws {
        let plan = try plan()
        let fresh = session(plan, id: "20261206-120000-1")
        #expect(SessionChoice.choose(existing: nil, plan: plan, startOver: false, newSession: { fresh })
                == .new(fresh, replacing: nil))
    }

    @Test func theUnfinishedSessionForTheSameAnswersIsResumed() throws {
        let plan = try plan()
        let saved = session(plan, id: "20261206-110000-1")
        #expect(SessionChoice.choose(existing: saved, plan: plan, startOver: false, newSession: { Issue.record("no new session"); return saved })
                == .resume(saved))
        // Even with --start-over: the same answers have nothing to start over from.
        #expect(SessionChoice.choose(existing: saved, plan: plan, startOver: true, newSession: { saved }) == .resume(saved))
    }

    @Test func aFinishedOrUndoneSessionIsReplaced() throws {
        let plan = try plan()
        let fresh = session(plan, id: "20261206-120000-1")
        var undone = session(plan, id: "20261206-110000-1")
        undone.undoneAt = "2026-12-06T11:30:00Z"
        #expect(SessionChoice.choose(existing: undone, plan: plan, startOver: false, newSession: { fresh })
                == .new(fresh, replacing: undone))
        var finished = session(plan, id: "20261206-100000-1")
        for id in finished.steps.map(\.id) { finished.update(id) { $0.status = .done } }
        #expect(finished.isComplete)
        #expect(SessionChoice.choose(existing: finished, plan: plan, startOver: false, newSession: { fresh })
                == .new(fresh, replacing: finished))
    }

    @Test func otherAnswersAreNamedAndReplacedOnlyWhenStartingOver() throws {
        let saved = session(try plan(domain: "old.example.org"), id: "20261206-110000-1")
        let plan = try plan(domain: "new.example.org")
        let fresh = session(plan, id: "20261206-120000-1")
        let asked = SessionChoice.choose(existing: saved, plan: plan, startOver: false, newSession: { fresh })
        #expect(asked == .otherAnswers(existing: saved, changed: [.domain]))
        #expect(asked.startingOver(newSession: { fresh }) == .new(fresh, replacing: saved))
        #expect(SessionChoice.choose(existing: saved, plan: plan, startOver: true, newSession: { fresh })
                == .new(fresh, replacing: saved))
    }

    @Test func choosingWritesNothingAndBeginSavesTheChoice() throws {
        let folder = "/tmp/lt-setup-app-test-\(UUID().uuidString.lowercased())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = SessionStore(path: folder + "/session.json")
        let saved = session(try plan(domain: "old.example.org"), id: "20261206-110000-1")
        try store.save(saved)
        let plan = try plan(domain: "new.example.org")
        let fresh = session(plan, id: "20261206-120000-1")
        let choice = SessionChoice.choose(existing: try store.load(), plan: plan, startOver: true, newSession: { fresh })
        #expect(try store.load() == saved, "choosing writes nothing")
        // Undecided, nothing is begun.
        #expect(try SessionChoice.otherAnswers(existing: saved, changed: [.domain]).begin(store: store) == nil)
        #expect(try store.load() == saved)
        #expect(try choice.begin(store: store) == fresh)
        #expect(try store.load() == fresh)
        // The replaced session is kept for undo.
        #expect(FileManager.default.fileExists(atPath: store.archiveFolder + "/20261206-110000-1.json"))
        #expect(try SessionChoice.resume(fresh).begin(store: store) == fresh)
    }
}
