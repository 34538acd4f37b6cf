import Foundation
import Glibc
import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// Carries out the wizard's effects on the session, the plan and the run: the same
/// `SessionStore`, `PlanBuilder` and `PlanRun` that `apply` uses.
public final class WizardSession: WizardBackend {
    let options: WizardOptions
    /// The clock the run's elapsed times and spinner are read from.
    let started = MonotonicClock.seconds()
    let store: SessionStore
    /// The answers and screen before a run exists; the session file takes over at the run.
    let drafts: AnswersDraftStore
    let files: ServerFiles
    let runLocations = RunLocations()
    var plan: Plan?
    /// The session's runner, once a run was asked for or found going on. The runner carries
    /// the steps out; this wizard follows it and sends it the operator's requests.
    var runner: RunnerClient?
    /// The run asked for (or found going on), until it ends; nil when none was.
    var run: RunWatch?
    /// A run was asked for (or found going on) and has not ended.
    var runActive: Bool { run.map { !$0.ended } ?? false }
    /// The terminal hung up: the run is left to its runner, and the wizard ends now.
    var detached = false
    /// Another lt-setup held the session at start: its end is watched for.
    var watchingOtherRun = false
    /// What the first turn reports: the run this wizard attached to at start.
    var atStart: [WizardAction] = []
    /// True on the turn a run ended, so that a last tick settles the elapsed times.
    private var justEnded = false
    /// The run ended, and its logs are still being read.
    private var endUnread = false

    public init(options: WizardOptions) throws {
        self.options = options
        checks = try BackgroundWork()
        store = SessionStore(path: options.sessionPath)
        drafts = AnswersDraftStore(sessionPath: options.sessionPath)
        files = DiskServerFiles(root: options.root)
    }

    public var isRunning: Bool { runActive && !detached }
    public var waitDescriptors: [Int32] { [checks.descriptor] + (runner.map { [$0.descriptor] } ?? []) }
    /// The preflight and the verification, run off the loop so that keys are answered
    /// meanwhile.
    let checks: BackgroundWork<CheckKind, WizardAction>

    enum CheckKind: Hashable, Sendable {
        case preflight, verification
    }
    /// The run's progress is read from its files ten times a second, besides the runner's
    /// word that something changed.
    /// At once while a flooding step's log is read over several turns (keys are read
    /// between them).
    public var pollTimeout: Int32 { runner?.hasMore == true ? 0 : 100 }
    /// Twice a second, while another lt-setup finishes the session's step.
    public var idlePollTimeout: Int32 { runner?.hasMore == true ? 0 : watchingOtherRun ? 500 : -1 }

    /// The session the runner works on, as last read.
    var runSession: Session? { runner?.follower.session ?? resumedSession }
    /// The unfinished session taken up with Resume, until a runner carries it on.
    var resumedSession: Session?

    /// Where logs and backups go, once a session exists.
    var locations: SessionLocations {
        let id = runSession?.id ?? "SESSION"
        return SessionLocations(logDirectory: runLocations.logs(id), backupDirectory: runLocations.backups(id))
    }

    /// The unfinished session to offer, and whether another lt-setup still runs its step
    /// (its terminal hung up mid-step): then it cannot be resumed yet.
    func resumableSession() -> ResumableSession? {
        guard let saved = try? store.load(), saved.isResumable else { return nil }
        let plan = try? PlanBuilder.build(saved.answers, on: files)
        let next = saved.nextStep.flatMap { id in plan?.step(id)?.title }
        var finishing: FinishingRun?
        if let pid = store.holder() {
            let running = saved.steps.firstIndex { $0.status == .running }
            let step = running.map { index in "\(index + 1). \(plan?.step(saved.steps[index].id)?.title ?? saved.steps[index].id.rawValue)" }
            finishing = FinishingRun(pid: pid, step: step)
        }
        return ResumableSession(id: saved.id, startedAt: Self.startedAt(saved.createdAt), domain: saved.answers.domain,
                                nextStepTitle: next, finishing: finishing)
    }

    /// What the first frame needs: an unfinished session (or saved answers) to offer, the
    /// backend to suggest.
    public func setup(size: Size, glyphs: Glyphs) -> WizardSetup {
        atStart = attachAtStart()
        let resumable = atStart.isEmpty ? resumableSession() : nil
        watchingOtherRun = resumable?.finishing != nil
        let mounts = files.contents(of: ServerPaths.libretimeConfig).map(LibreTimeConfigEdit.enabledIcecastMounts) ?? []
        let draft = drafts.load().map { saved in
            ResumableDraft(answers: saved.rawAnswers,
                           screen: WizardScreen(savedName: saved.screen) ?? .details,
                           savedAt: Self.startedAt(saved.savedAt))
        }
        return WizardSetup(size: size, glyphs: glyphs, resumable: resumable, draft: draft,
                           suggestedBackend: LibreTimeBackend.suggestion(files), locations: locations,
                           streamMounts: mounts, previewRoot: options.previewOnly ? options.root : nil)
    }

    /// A session's (or draft's) time (`2026-11-28T16:41:00Z`, as `Timestamp.now()` records it)
    /// as the welcome screen shows it: `2026-11-28 16:41 UTC`. Anything else is shown as is.
    static func startedAt(_ timestamp: String) -> String {
        let parts = timestamp.split(separator: "T")
        guard parts.count == 2, timestamp.hasSuffix("Z"), parts[1].count >= 6 else { return timestamp }
        return "\(parts[0]) \(parts[1].prefix(5)) UTC"
    }

    /// A run going on (its terminal dropped, or another terminal started it) is attached
    /// to: the run screen opens on it. A run that ended with nobody watching opens on its
    /// result. Nothing is attached to in a `--root` preview.
    func attachAtStart() -> [WizardAction] {
        guard !options.previewOnly else { return [] }
        if let client = try? RunnerClient.attach(store: store, locations: runLocations, pace: .wizard) {
            runner = client
            run = .attached(mode: client.mode)
            return attached(client.follower.session, mode: client.mode, backlogFrom: client.follower)
        }
        guard let saved = try? store.load(), saved.lastRunUnseen, saved.isComplete, geteuid() == 0,
              store.holder() == nil else { return [] }
        // Shown now: the next lt-setup starts afresh.
        if (try? store.lock()) != nil {
            var seen = saved
            seen.markLastRunSeen()
            try? store.save(seen)
            store.unlock()
        }
        return attached(saved, mode: nil, backlogFrom: nil)
    }

    /// The run screen for a session as it stands: each step's outcome so far, the running
    /// step with its log's last lines.
    func attached(_ session: Session, mode: RunMode?, backlogFrom follower: RunFollower?) -> [WizardAction] {
        guard let built = try? PlanBuilder.build(session.answers, on: files) else { return [] }
        plan = built
        var actions: [WizardAction] = [.sessionResumed(built, outcomes: Self.outcomes(session, live: follower != nil)),
                                       .sessionOpened(locations)]
        if let index = session.steps.firstIndex(where: { $0.status == .running }) {
            let record = session.steps[index]
            actions.append(.runEvent(.stepStarted(record.id, title: record.title ?? record.id.rawValue,
                                                  number: index + 1, of: session.steps.count)))
            actions += (follower?.backlog(record.id, lines: 200) ?? []).map { .runEvent($0) }
        }
        return actions + [.runAttached(mode)]
    }

    public func perform(_ effect: WizardEffect) -> [WizardAction] {
        switch effect {
        case .saveAnswers(let raw, let screen): return saveDraft(raw, screen: screen)
        case .buildPlan(let answers): return buildPlan(answers)
        case .runPreflight(let answers):
            let root = options.root
            checks.start(.preflight) { .preflightReady(Self.preflight(answers, root: root)) }
            return []
        case .runVerification(let answers):
            let root = options.root
            checks.start(.verification) { .verificationReady(RunChecks.verificationAfterRun(answers, root: root, source: .wizard)) }
            return []
        case .startRun(let mode): return begin(mode == .all ? .all : .next)
        case .retry: return begin(.all)
        case .skip(let id): return begin(.skip(id))
        case .abortStep:
            runner?.send(.stopStep)
            return []
        case .resumeSession: return resume()
        case .startOver:
            if let saved = try? store.load(), saved.isResumable { try? store.archive(saved) }
            drafts.remove()
            return []
        case .quit, .openLog, .openSessionLog, .redraw:
            return []
        }
    }

    /// Every answer, and every move between screens, goes to disk as it happens (0600,
    /// beside the session file), so that nothing typed is lost if the connection drops and a
    /// new lt-setup offers to come back to the same screen. Once a run has opened its
    /// session, that file holds the answers: nothing more is written here.
    func saveDraft(_ raw: RawAnswers, screen: WizardScreen) -> [WizardAction] {
        guard !options.previewOnly, runner == nil else { return [.sessionSaved] }
        do {
            try drafts.save(AnswersDraft(answers: raw, screen: screen.savedName))
            return [.sessionSaved]
        } catch {
            return [.sessionFailed("cannot save the answers to \(drafts.path): \(error)")]
        }
    }

    func buildPlan(_ answers: Answers) -> [WizardAction] {
        do {
            let built = try PlanBuilder.build(answers, on: files)
            plan = built
            return [.planReady(built)]
        } catch {
            return [.planFailed(error.message)]
        }
    }

    /// `lt-setup preflight`'s checks, against the files the plan was made from and this
    /// machine's probes. In a `--root` preview the files are the copy under the root, and
    /// the probes ask this machine; the verdicts are kept as they are (the screen says a run
    /// would be blocked, and lets the preview go on, since nothing runs).
    /// Runs on a thread of its own (`BackgroundWork`): it is given only values.
    static func preflight(_ answers: Answers, root: String) -> [Check] {
        RunChecks.preflight(answers, root: root, options: PreflightOptions(source: .wizard))
    }

    /// Sends the operator's request to the session's runner, starting the runner first when
    /// none is live (the session is saved, then handed over to it).
    func begin(_ request: RunnerRequest) -> [WizardAction] {
        if options.previewOnly {
            return refused("this is a preview of the files under \(options.root): run lt-setup without --root to change this server")
        }
        guard geteuid() == 0 else {
            return refused("changing the server needs root: quit and run `sudo lt-setup`")
        }
        if runner == nil || runner?.isGone == true {
            do {
                try openSession()
                runner = try RunnerClient.launch(store: store, locations: runLocations, pace: .wizard)
            } catch {
                runner = nil
                return refused("\(error)")
            }
        }
        runner?.send(request)
        if request == .all || request == .next { run = .requested }
        return [.sessionOpened(locations)]
    }

    /// A run that cannot start: why, and its end at once, so that the run screen does not
    /// wait for steps (and quitting does not ask to stop a run) that will never come.
    func refused(_ message: String) -> [WizardAction] {
        run = nil
        return [.runRefused(message), .runEnded]
    }

    /// Saves the session for the plan: the unfinished one made for the same answers, or a
    /// new one (an older unfinished one is archived: the operator chose to start over).
    /// The lock is held only meanwhile: the runner takes it next.
    func openSession() throws {
        guard let plan else { throw ExecutionError("no plan to run yet") }
        try store.lock()
        defer { store.unlock() }
        // The operator chose at the Welcome screen: Resume loaded the saved answers (so the
        // same answers resume), Start over replaces the unfinished session.
        let choice = SessionChoice.choose(existing: try store.load(), plan: plan, startOver: true,
                                          newSession: { SessionChoice.freshSession(for: plan) })
        guard try choice.begin(store: store) != nil else { throw ExecutionError("no session could be chosen") }
        // The session holds the answers from now on.
        drafts.remove()
    }

    func resume() -> [WizardAction] {
        do {
            guard let saved = try store.load() else { return [.planFailed("the unfinished session is gone")] }
            let built = try PlanBuilder.build(saved.answers, on: files)
            plan = built
            resumedSession = saved
            // The step the run stopped at shows its last lines, as it would have live.
            let stopped = saved.steps.last { $0.status == .failed || $0.status == .running || $0.status == .interrupted }
            let backlog = stopped.map {
                RunFollower(session: saved, store: store, locations: runLocations).backlog($0.id, lines: 200)
            } ?? []
            return [.sessionResumed(built, outcomes: Self.outcomes(saved)), .sessionOpened(locations)]
                + backlog.map { .runEvent($0) }
        } catch {
            return [.planFailed("\(error)")]
        }
    }

    /// How each step ended so far. A step recorded running was cut off when its runner
    /// died (it shows stopped), unless `live`: then a runner is at work on it.
    static func outcomes(_ session: Session, live: Bool = false) -> [StepID: StepOutcome] {
        Dictionary(uniqueKeysWithValues: session.steps.compactMap { record in
            live && record.status == .running ? nil : record.outcome.map { (record.id, $0) }
        })
    }

    /// The run's progress since the last turn, read from the session and its logs; the
    /// clock ticks while a run is on, and once more as it ends.
    public func service(readable: Set<Int32>) -> [WizardAction] {
        justEnded = false
        if !atStart.isEmpty {
            defer { atStart = [] }
            return atStart
        }
        if watchingOtherRun && store.holder() == nil {
            watchingOtherRun = false
            return [.otherRunEnded(resumableSession())]
        }
        var actions = readable.contains(checks.descriptor) ? checks.take() : []
        guard let runner else { return actions }
        let (events, notices) = runner.update()
        actions += events.map { .runEvent($0) }
        for notice in notices {
            switch notice {
            case .state, .changed:
                break
            case .refused(let why):
                actions += refused(why)
            case .note(let text):
                actions.append(.runNote(text))
            }
        }
        if run?.observe(notices, runnerGone: runner.isGone) == true { endUnread = true }
        // The run's end is shown once its logs are read to their last line.
        if endUnread && !runner.hasMore {
            endUnread = false
            justEnded = true
            actions.append(.runEnded)
        }
        if isRunning || justEnded { actions.append(.tick(seconds: MonotonicClock.seconds() - started)) }
        return actions
    }

    /// A live session's reports come from its effects and its run, never from a key alone.
    public func reports(afterKey key: Key) -> [WizardAction] { [] }

    /// The operator quits (the running step is stopped, never dpkg), a signal asks to stop
    /// (the running step finishes), or the terminal hung up (the run is the runner's: a run
    /// of every step goes on, a step-by-step one stops after its step).
    public func stopAfterCurrentStep(cancel: Bool, because cause: StopCause) {
        guard let runner else { return }
        switch cause {
        case .hangUp:
            detached = true
        case .quit:
            if runActive { runner.send(cancel ? .stopStep : .stopAfterStep) }
            runner.leave()
        default:
            if runActive { runner.send(.stopAfterStep) }
        }
    }

    public func logPath(of id: StepID) -> String? {
        runSession.flatMap { runLocations.stepLog(id, in: $0) }
    }

    public func summaryPath(of session: String) -> String? {
        runLocations.summary(session)
    }
}

/// The backend to suggest: LibreTime's own nginx site's listen port when it is there.
public enum LibreTimeBackend {
    public static func suggestion(_ files: ServerFiles) -> String {
        guard let port = files.contents(of: ServerPaths.libretimeNginxSite).flatMap(LibreTimeSite.listenPort) else {
            return Answers.defaultBackend.answer
        }
        return "localhost:\(port)"
    }
}
