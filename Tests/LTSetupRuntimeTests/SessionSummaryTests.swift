@testable import LTSetupCore
@testable import LTSetupRuntime
import Testing

/// `lt-setup status` lists each step by number and title, in the words the README defines:
/// to do, running, done, already done, not applicable, skipped, failed, interrupted.
@Suite struct SessionSummaryTests {
    func session() throws -> Session {
        let answers = Answers(domain: "a.example.org", email: "a@example.org")
        let plan = try PlanBuilder.build(answers, on: InMemoryServerFiles())
        return Session(id: "20261128-120000-42", createdAt: "2026-11-28T12:00:00Z", plan: plan)
    }

    func line(_ text: String, _ number: Int) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(" \(number). ") || $0.hasPrefix("  \(number). ") || $0.hasPrefix("   \(number). ") }
            .map(String.init)
    }

    @Test func eachStepHasItsNumberTitleAndWord() throws {
        var session = try session()
        let ids = session.steps.map(\.id)
        session.update(ids[0]) { $0.status = .done; $0.changed = true }
        session.update(ids[1]) { $0.status = .done; $0.detail = StepRecord.foundDone }
        session.update(ids[2]) { $0.status = .skipped; $0.detail = StepOutcome.skippedByOperator }
        session.update(ids[3]) { $0.status = .failed; $0.detail = "nginx -t failed"; $0.exitStatus = 1 }
        session.update(ids[4]) { $0.status = .interrupted; $0.detail = "interrupted" }
        session.update(ids[5]) { $0.status = .skipped; $0.detail = "no config.yml" }
        let text = SessionSummary.text(session, marks: SessionSummary.Marks(done: "✔", failed: "✖", skipped: "–"))
        let titles = session.steps.map { $0.title ?? "" }
        #expect(line(text, 1)?.hasSuffix("✔ done           \(titles[0])") == true, "\(text)")
        #expect(line(text, 2)?.hasSuffix("✔ already done   \(titles[1])") == true, "\(text)")
        #expect(line(text, 3)?.hasSuffix("– skipped        \(titles[2])") == true, "\(text)")
        #expect(line(text, 4)?.hasSuffix("✖ failed         \(titles[3]) — nginx -t failed (exit 1)") == true, "\(text)")
        #expect(line(text, 5)?.hasSuffix("✖ interrupted    \(titles[4])") == true, "\(text)")
        #expect(line(text, 6)?.hasSuffix("– not applicable \(titles[5]) — no config.yml") == true, "\(text)")
        #expect(line(text, 7)?.hasSuffix("  to do          \(titles[6])") == true, "\(text)")
        // Titles, not ids: "site-file" is the session file's word, not the operator's.
        #expect(!text.contains(" site-file"))
        #expect(titles[1].hasPrefix("Write the nginx site"))
    }

    /// Each run of the session: how it was asked for, and why it ended.
    @Test func theRunsSayHowTheyEnded() throws {
        var session = try session()
        var first = RunRecord(mode: "next", runner: 41, startedAt: "2026-11-28T12:00:00Z")
        first.endedAt = "2026-11-28T12:01:00Z"
        first.ending = "the terminal hung up in step-by-step mode during step 2 (Write the site); the step finished"
        var second = RunRecord(mode: "all", runner: 42, startedAt: "2026-11-28T12:05:00Z")
        second.endedAt = "2026-11-28T12:06:00Z"
        second.ending = "done: every step is done, already done or not needed"
        second.endedUnwatched = true
        let third = RunRecord(mode: "all", runner: 43, startedAt: "2026-11-28T12:10:00Z")
        session.runs = [first, second, third]
        let text = SessionSummary.text(session, marks: .ascii)
        #expect(text.contains("""
              Runs:
                1. step by step, 2026-11-28T12:00:00Z to 2026-11-28T12:01:00Z: the terminal hung up in step-by-step mode during step 2 (Write the site); the step finished
                2. every step, 2026-11-28T12:05:00Z to 2026-11-28T12:06:00Z: done: every step is done, already done or not needed; nobody was attached
                3. every step, since 2026-11-28T12:10:00Z: going on (runner process 43)

            """), "\(text)")
    }

    /// A session file written before titles were kept still shows its steps, by id.
    @Test func anOlderSessionWithoutTitlesShowsTheIds() throws {
        var session = try session()
        for index in session.steps.indices { session.steps[index].title = nil }
        let text = SessionSummary.text(session, marks: .ascii)
        #expect(line(text, 2)?.hasSuffix("to do          site-file") == true, "\(text)")
    }
}
