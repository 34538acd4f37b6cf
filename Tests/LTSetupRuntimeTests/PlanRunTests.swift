import Foundation
import Glibc
@testable import LTSetupCore
@testable import LTSetupRuntime
import Testing

/// The engine against real files and real programs in a scratch folder: a three-step plan
/// shaped like the guide's proxy steps (write a site, swap the default link for ours, test
/// and restart).
@Suite struct PlanRunTests {
    let answers = Answers(domain: "a.example.org", email: "a@example.org")

    struct Sandbox {
        let scratch: Scratch
        var site: String { scratch.path("sites-available/a.conf") }
        var enabled: String { scratch.path("sites-enabled/a.conf") }
        var defaultSite: String { scratch.path("sites-enabled/default") }
        var restarts: String { scratch.path("restarts") }

        init() throws {
            scratch = try Scratch()
            for folder in ["sites-enabled", "sites-available"] {
                try FileManager.default.createDirectory(atPath: scratch.path(folder), withIntermediateDirectories: true)
            }
            scratch.make("sites-available/default", "default site\n")
            symlink(scratch.path("sites-available/default"), defaultSite)
        }

        func restartCount() -> Int {
            (try? String(contentsOfFile: restarts, encoding: .utf8))?.split(separator: "\n").count ?? 0
        }
    }

    func planner(_ box: Sandbox, content: String = "server a;\n", configTest: [String] = ["true"]) -> PlanRun.Planner {
        { files in
            let steps = [
                Step(id: .siteFile, title: "site", guideSection: "s", explanation: "e",
                     actions: [.write(FileWrite(path: box.site, content: content, permissions: .config,
                                                previous: files.state(of: box.site)))],
                     doneWhen: .content(path: box.site, equals: content)),
                Step(id: .enableSite, title: "enable", guideSection: "s", explanation: "e",
                     actions: [.remove(path: box.defaultSite), .symlink(path: box.enabled, target: box.site)],
                     doneWhen: .all([.missing(path: box.defaultSite), .symlink(path: box.enabled, target: box.site)])),
                Step(id: .restartProxy, title: "restart", guideSection: "s", explanation: "e",
                     actions: [.configTest(Command(configTest), restoring: [.siteFile, .enableSite]),
                               .restart(service: "x", command: Command(["sh", "-c", "echo restarted >> \(box.restarts)"]))],
                     doneWhen: .unchangedSteps([.siteFile, .enableSite])),
            ]
            return Plan(answers: self.answers, steps: steps, notes: [], serviceManagerName: "test")
        }
    }

    func makeRun(_ box: Sandbox, store: SessionStore, session: Session? = nil,
                 planner: @escaping PlanRun.Planner) throws -> PlanRun {
        let initial = try planner(DiskServerFiles())
        let session = session ?? Session(id: "test-\(UUID().uuidString.prefix(8))", createdAt: Timestamp.now(), plan: initial)
        return try PlanRun(answers: answers, session: session, files: DiskServerFiles(), store: store,
                           locations: RunLocations(backupsRoot: box.scratch.path("backups"), logsRoot: box.scratch.path("logs")),
                           options: RunOptions(gracePeriod: .milliseconds(200)), planner: planner)
    }

    func drive(_ run: PlanRun) -> [RunEvent] {
        var events: [RunEvent] = []
        PlanRunLoop(run: run).run { events.append($0) }
        return events
    }

    func outcomes(_ events: [RunEvent]) -> [StepID: StepOutcome] {
        var result: [StepID: StepOutcome] = [:]
        for case .stepFinished(let id, let outcome) in events { result[id] = outcome }
        return result
    }

    @Test func runsEveryStepThenASecondRunChangesNothing() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store, planner: planner(box))
        let first = outcomes(drive(run))
        #expect(first == [.siteFile: .done, .enableSite: .done, .restartProxy: .done])
        #expect(run.isComplete)
        #expect(try String(contentsOfFile: box.site, encoding: .utf8) == "server a;\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: box.enabled) == box.site)
        #expect(!FileManager.default.fileExists(atPath: box.defaultSite))
        #expect(box.restartCount() == 1)
        #expect(try store.load() == run.session)
        #expect(run.session.backups.map(\.path) == [box.site, box.defaultSite, box.enabled])

        let second = try makeRun(box, store: store, planner: planner(box))
        #expect(outcomes(drive(second)) == [.siteFile: .alreadyDone, .enableSite: .alreadyDone, .restartProxy: .alreadyDone])
        #expect(box.restartCount() == 1)
        #expect(second.session.backups.isEmpty)
    }

    /// A session that cannot be saved does not stop the run; the run tells its owner,
    /// which decides where to show it (the wizard: on the screen, not stderr).
    @Test func aFailedSaveIsToldAndTheRunGoesOn() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let state = box.scratch.path("state")
        let store = SessionStore(path: state + "/session.json", changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store, planner: planner(box))
        var told: [String] = []
        run.saveFailed = { told.append($0) }
        // The session's folder becomes a file: every save fails, even as root.
        try? FileManager.default.removeItem(atPath: state)
        FileManager.default.createFile(atPath: state, contents: Data())
        let outcomes = outcomes(drive(run))
        #expect(outcomes == [.siteFile: .done, .enableSite: .done, .restartProxy: .done])
        #expect(!told.isEmpty)
        #expect(told.allSatisfy { $0.contains(state) }, "\(told)")
    }

    @Test func aFailedConfigTestPutsTheFilesBackAndRestartsNothing() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        box.scratch.make("sites-available/a.conf", "old site\n", mode: 0o640)
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store, planner: planner(box, configTest: ["sh", "-c", "echo 'syntax error in a.conf' >&2; exit 1"]))
        let result = outcomes(drive(run))
        guard case .failed(let message, let restored) = result[.restartProxy] else {
            Issue.record("the config test must fail the step: \(result)")
            return
        }
        #expect(message.contains("syntax error in a.conf"))
        #expect(restored == [.siteFile, .enableSite])
        #expect(try String(contentsOfFile: box.site, encoding: .utf8) == "old site\n")
        #expect(try FileManager.default.attributesOfItem(atPath: box.site)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: box.defaultSite) == box.scratch.path("sites-available/default"))
        #expect(!FileManager.default.fileExists(atPath: box.enabled))
        #expect(box.restartCount() == 0)
        // The restored steps must run again on the next attempt.
        #expect(run.session.record(.siteFile)?.status == .pending)
        #expect(run.session.record(.restartProxy)?.status == .failed)
        #expect(run.session.nextStep == .siteFile)
    }

    @Test func aStepThatDiedMidwayIsCheckedAndItsRestartStillRuns() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        // As if the process died after enabling the site but before saving "done".
        let run = try makeRun(box, store: store, planner: planner(box))
        _ = drive(run)
        var session = run.session
        session.update(.enableSite) { $0.status = .running; $0.changed = false }
        session.update(.siteFile) { $0.changed = false }
        session.update(.restartProxy) { $0.status = .pending }
        session.finishedAt = nil
        let resumed = try makeRun(box, store: store, session: session, planner: planner(box))
        let result = outcomes(drive(resumed))
        #expect(result[.enableSite] == .alreadyDone)
        #expect(resumed.session.record(.enableSite)?.changed == true)
        #expect(result[.restartProxy] == .done)
        #expect(box.restartCount() == 2)
    }

    @Test func cancellingStopsTheProgramAndMarksTheStepInterrupted() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store, planner: planner(box, configTest: ["sleep", "30"]))
        var events: [RunEvent] = []
        let started = ContinuousClock.now
        PlanRunLoop(run: run).run { event in
            events.append(event)
            if case .actionStarted(.restartProxy, let line) = event, line.contains("sleep") { run.cancel() }
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(outcomes(events)[.restartProxy] == .interrupted)
        #expect(try store.load()?.record(.restartProxy)?.status == .interrupted)
        #expect(box.restartCount() == 0)
    }

    /// Every stop is recorded with its cause, the step and how it ended: in the session file
    /// (for status and the next lt-setup) and in the summary log.
    @Test func whyARunStoppedIsRecorded() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let failing = try makeRun(box, store: store, planner: planner(box, configTest: ["sh", "-c", "echo 'bad directive' >&2; exit 1"]))
        _ = drive(failing)
        let failed = try #require(try store.load()?.stop)
        #expect(failed.reason.hasPrefix("step 3 (restart) failed: "), "\(failed.reason)")
        #expect(failed.reason.contains("bad directive"))

        // The terminal hangs up while step 1 runs; the front end stops after it.
        try FileManager.default.removeItem(atPath: box.scratch.path("state"))
        let store2 = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store2, planner: planner(box, content: "server b;\n"))
        PlanRunLoop(run: run).run(watchedReadable: {}, stopBetweenSteps: { run.session.record(.siteFile)?.status == .done }) { _ in }
        run.recordStop(.hangUp)
        let session = try #require(try store2.load())
        #expect(session.stop?.reason == "the terminal hung up during step 1 (site); the step finished")
        #expect(SessionSummary.text(session, marks: .ascii).contains("Stopped \(session.stop?.at ?? ""): the terminal hung up during step 1 (site); the step finished."))
        let summary = try String(contentsOfFile: box.scratch.path("logs/\(session.id)/summary.log"), encoding: .utf8)
        #expect(summary.contains("the terminal hung up during step 1"))

        // Run again to the end: the stop is history.
        _ = drive(try makeRun(box, store: store2, session: session, planner: planner(box, content: "server b;\n")))
        #expect(try store2.load()?.stop == nil)
    }

    @Test func eachStepHasAPrivateLog() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let run = try makeRun(box, store: store, planner: planner(box, configTest: ["sh", "-c", "echo config is fine"]))
        _ = drive(run)
        let folder = box.scratch.path("logs/\(run.session.id)")
        #expect(box.scratch.names(in: folder) == ["01-site-file.log", "02-enable-site.log", "03-restart-proxy.log", "summary.log"])
        let summary = try String(contentsOfFile: folder + "/summary.log", encoding: .utf8)
        #expect(summary.contains("3. ok     done           restart\n") && summary.contains("Logs: \(folder)"))
        let log = try String(contentsOfFile: folder + "/03-restart-proxy.log", encoding: .utf8)
        #expect(log.contains("▶ $ sh -c 'echo config is fine'\nconfig is fine\n◀ exited with code 0\n"))
        var info = stat()
        stat(folder, &info)
        #expect(info.st_mode & 0o777 == 0o700)
        stat(folder + "/03-restart-proxy.log", &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test func aPlanThatCannotBeMadeStopsTheRunWithItsReason() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let good = planner(box)
        var calls = 0
        let run = try makeRun(box, store: store) { files in
            calls += 1
            if calls > 2 { throw PlanError("icecast.xml: no <paths> element") }
            return try good(files)
        }
        let result = outcomes(drive(run))
        #expect(result[.enableSite] == .failed("icecast.xml: no <paths> element", restored: []))
        #expect(run.stopped)
        #expect(try store.load()?.stop?.reason == "step 2 (enable-site) failed: icecast.xml: no <paths> element")
    }
}

extension PlanRunTests {
    /// After `kill -9` of lt-setup, its step's program lives on in its own session; a resumed
    /// run must wait for it rather than start a second one beside it.
    @Test func aResumedRunWaitsForTheProgramTheDeadRunLeftBehind() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let first = try makeRun(box, store: store, planner: planner(box))
        _ = drive(first)
        let orphan = try RunningProcess(argv: ["sleep", "1"])
        var session = first.session
        session.update(.restartProxy) {
            $0.status = .running
            $0.program = ProcessIdentity.of(orphan.pid)
        }
        session.finishedAt = nil
        #expect(session.record(.restartProxy)?.program?.isAlive == true)
        let resumed = try makeRun(box, store: store, session: session, planner: planner(box))
        let started = ContinuousClock.now
        let events = drive(resumed)
        #expect(events.contains(.output(.restartProxy, "waiting for process \(orphan.pid), left running by the previous lt-setup, to finish")))
        #expect(ContinuousClock.now - started >= .milliseconds(500))
        #expect(session.record(.restartProxy)?.program?.isAlive == false)
        orphan.cancel()
    }

    /// The wait for a dead run's program does not block the caller: startNextStep returns
    /// at once, busy, and `service` ends the wait once the program is gone. (The wizard's
    /// loop serves keys, signals and paints meanwhile.)
    @Test func waitingForADeadRunsProgramDoesNotBlock() throws {
        let box = try Sandbox()
        defer { box.scratch.remove() }
        let store = SessionStore(path: box.scratch.path("state/session.json"), changeable: .under(box.scratch.root))
        let first = try makeRun(box, store: store, planner: planner(box))
        _ = drive(first)
        let orphan = try RunningProcess(argv: ["sleep", "30"])
        defer { orphan.cancel() }
        var session = first.session
        session.update(.restartProxy) {
            $0.status = .running
            $0.program = ProcessIdentity.of(orphan.pid)
        }
        session.finishedAt = nil
        let resumed = try makeRun(box, store: store, session: session, planner: planner(box))
        var events: [RunEvent] = []
        let started = ContinuousClock.now
        #expect(resumed.startNextStep { events.append($0) })
        #expect(ContinuousClock.now - started < .seconds(5), "it returned without waiting for the 30 s program")
        #expect(resumed.isBusy && resumed.execution == nil)
        #expect(resumed.pollTimeoutMilliseconds == 100)
        resumed.service(outputReadable: false) { events.append($0) }
        #expect(resumed.isBusy, "still waiting while the program lives")
        #expect(events.filter { if case .stepStarted = $0 { return true } else { return false } }.count == 1)
        // Stopping the wait stops the run; the step stays recorded as running with that
        // program, so that the next run waits for it again.
        resumed.cancel()
        resumed.service(outputReadable: false) { events.append($0) }
        #expect(!resumed.isBusy && resumed.stopped)
        #expect(events.last == .stepFinished(.restartProxy, .interrupted))
        #expect(resumed.session.record(.restartProxy)?.status == .running)
        #expect(resumed.session.record(.restartProxy)?.program?.pid == orphan.pid)
    }

    @Test func aProcessIdentityIsNotFooledByAReusedPid() throws {
        let me = try #require(ProcessIdentity.of(getpid()))
        #expect(me.isAlive)
        #expect(!ProcessIdentity(pid: me.pid, startTime: me.startTime + 1).isAlive)
        #expect(ProcessIdentity.of(999_999_999) == nil)
    }
}
