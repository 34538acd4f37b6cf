import Foundation
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// A front end reads the run back from the session file and the step logs: every line
/// once, in order, however often it reads and whenever it attached.
@Suite struct RunFollowerTests {
    func append(_ text: String, to path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    func logPath(_ box: RunnerSandbox, _ session: Session, _ id: StepID) throws -> String {
        try #require(box.locations.stepLog(id, in: session))
    }

    @Test func aFrontEndThatAttachesMidStepSeesTheLastLinesThenTheRestOnce() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        session.update(.siteFile) { $0.status = .running; $0.startedAt = "2026-12-06T12:00:00Z" }
        try box.store.save(session)
        let log = try logPath(box, session, .siteFile)
        append("▶ write /etc/site\nfirst\nsecond\nthird\npart", to: log)

        let follower = RunFollower(session: session, store: box.store, locations: box.locations)
        #expect(follower.backlog(.siteFile, lines: 2) == [.output(.siteFile, "second"), .output(.siteFile, "third")])
        #expect(follower.backlog(.siteFile, lines: 10).first == .actionStarted(.siteFile, "write /etc/site"))
        #expect(follower.poll().isEmpty)

        append("ial\nfourth\n◀ exited 0\n", to: log)
        #expect(follower.poll() == [.output(.siteFile, "partial"), .output(.siteFile, "fourth")])
        #expect(follower.poll().isEmpty)

        session.update(.siteFile) { $0.status = .done; $0.changed = true; $0.endedAt = "2026-12-06T12:00:01Z" }
        try box.store.save(session)
        #expect(follower.poll() == [.stepFinished(.siteFile, .done)])
        #expect(follower.poll().isEmpty)
    }

    @Test func stepsThatStartAndEndBetweenTwoReadsAreAllReported() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        let follower = RunFollower(session: session, store: box.store, locations: box.locations)
        session.update(.siteFile) {
            $0.status = .done; $0.detail = StepRecord.foundDone
            $0.startedAt = "2026-12-06T12:00:00Z"; $0.endedAt = "2026-12-06T12:00:00Z"
        }
        session.update(.enableSite) { $0.status = .running; $0.startedAt = "2026-12-06T12:00:00Z" }
        try box.store.save(session)
        append("▶ $ sh -c x\nsecond\n", to: try logPath(box, session, .enableSite))
        #expect(follower.poll() == [
            .stepStarted(.siteFile, title: "Write the site", number: 1, of: 3),
            .stepFinished(.siteFile, .alreadyDone),
            .stepStarted(.enableSite, title: "The second step", number: 2, of: 3),
            .actionStarted(.enableSite, "$ sh -c x"),
            .output(.enableSite, "second"),
        ])
    }

    /// Timestamps are whole seconds: a step run again, failing the same way within the
    /// second it failed before, is told apart by its count of attempts.
    @Test func aStepThatFailsAgainWithinTheSameSecondIsReportedAgain() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        session.update(.siteFile) {
            $0.status = .failed; $0.detail = "could not write /etc/site: No space left on device"
            $0.startedAt = "2026-12-06T12:00:00Z"; $0.endedAt = "2026-12-06T12:00:00Z"; $0.attempts = 1
        }
        try box.store.save(session)
        let follower = RunFollower(session: session, store: box.store, locations: box.locations)
        session.update(.siteFile) { $0.attempts = 2 }
        try box.store.save(session)
        #expect(follower.poll() == [
            .stepStarted(.siteFile, title: "Write the site", number: 1, of: 3),
            .stepFinished(.siteFile, .failed("could not write /etc/site: No space left on device", restored: [])),
        ])
    }

    @Test func aFailedConfigTestNamesTheStepsWhoseFilesWerePutBack() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        session.update(.siteFile) { $0.status = .done; $0.changed = true; $0.startedAt = "2026-12-06T12:00:00Z" }
        session.update(.enableSite) { $0.status = .running; $0.startedAt = "2026-12-06T12:00:01Z" }
        try box.store.save(session)
        let follower = RunFollower(session: session, store: box.store, locations: box.locations)
        session.update(.siteFile) { $0.status = .pending; $0.changed = false }
        session.update(.enableSite) { $0.status = .failed; $0.detail = "the configuration test failed"; $0.endedAt = "2026-12-06T12:00:02Z" }
        try box.store.save(session)
        #expect(follower.poll() == [.stepFinished(.enableSite, .failed("the configuration test failed", restored: [.siteFile]))])
    }

    /// The wizard reads a flood a few lines per turn (it reads keys in between), and a
    /// step's end is reported after its last line, however many turns that takes.
    @Test func aFloodIsReadAFewLinesPerReadAndTheEndComesAfterTheLastLine() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        session.update(.siteFile) { $0.status = .running; $0.startedAt = "2026-12-06T12:00:00Z" }
        try box.store.save(session)
        let follower = RunFollower(session: session, store: box.store, locations: box.locations,
                                   pace: .screen(lines: 4, skipBeyond: 1 << 20))
        append((1...10).map { "line \($0)\n" }.joined(), to: try logPath(box, session, .siteFile))
        session.update(.siteFile) { $0.status = .done; $0.changed = true; $0.endedAt = "2026-12-06T12:00:01Z" }
        try box.store.save(session)
        var reads: [[RunEvent]] = [follower.poll()]
        while follower.hasMore { reads.append(follower.poll()) }
        #expect(reads.map(\.count) == [4, 4, 3], "4 lines, 4 lines, 2 lines and the end")
        let lines = reads.joined().compactMap { if case .output(_, let line) = $0 { line } else { nil } }
        #expect(lines == (1...10).map { "line \($0)" })
        #expect(reads.joined().last == .stepFinished(.siteFile, .done))
        #expect(follower.poll().isEmpty)
    }

    /// Far behind a flood, the wizard jumps to its newest lines and says what it skipped;
    /// apply and attach read every line.
    @Test func farBehindTheWizardJumpsToTheNewestLines() throws {
        let box = try RunnerSandbox()
        var session = try box.savedSession()
        session.update(.siteFile) { $0.status = .running; $0.startedAt = "2026-12-06T12:00:00Z" }
        try box.store.save(session)
        let screen = RunFollower(session: session, store: box.store, locations: box.locations,
                                 pace: .screen(lines: 1000, skipBeyond: 16384))
        let every = RunFollower(session: session, store: box.store, locations: box.locations)
        append((1...10000).map { "line \($0)\n" }.joined(), to: try logPath(box, session, .siteFile))
        let first = screen.poll()
        #expect(first.first.map { if case .output(_, let line) = $0 { line.contains("of this step's output not shown here") } else { false } } == true)
        #expect(first.last == .output(.siteFile, "line 10000"))
        #expect(first.count < 200, "only the tail is read: \(first.count) events")
        var all = every.poll()
        while every.hasMore { all += every.poll() }
        #expect(all.count == 10000)
    }

    @Test func aRealRunReadsTheSameWhetherFollowedClosely() throws {
        let box = try RunnerSandbox(second: ["sh", "-c", "for i in 1 2 3 4 5; do echo line $i; done"])
        let runner = try box.runner()
        let start = try #require(try box.store.load())
        let close = RunFollower(session: start, store: box.store, locations: box.locations)
        let late = RunFollower(session: start, store: box.store, locations: box.locations)
        let client = try TestClient(box.socketPath)
        client.send(.all)
        var closely: [RunEvent] = []
        runner.serve(until: {
            closely += close.poll()
            return runner.run.isComplete && runner.mode == nil
        })
        closely += close.poll()
        let once = late.poll()
        #expect(closely == once)
        #expect(once.filter { if case .output(.enableSite, _) = $0 { true } else { false } }.count == 5)
        #expect(once.last == .stepFinished(.restartProxy, .done))
    }
}
