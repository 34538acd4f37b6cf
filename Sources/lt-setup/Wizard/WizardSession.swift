import Foundation
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// Carries out the wizard's effects on the session, the plan and the run: the same
/// `SessionStore`, `PlanBuilder` and `PlanRun` that `apply` uses.
final class WizardSession: WizardBackend {
    let options: WizardOptions
    /// The clock the run's elapsed times and spinner are read from.
    let started = Clock.seconds()
    let store: SessionStore
    /// The answers and screen before a run exists; the session file takes over at the run.
    let drafts: AnswersDraftStore
    let files: ServerFiles
    let runLocations = RunLocations()
    var plan: Plan?
    var run: PlanRun?
    /// What the operator asked to run; nil while nothing runs.
    var mode: RunMode?
    var stepsRun = 0
    /// Why the session could not be saved during the run, since it was last reported.
    var unsaved: [String] = []
    var stopRequested = false
    /// Another lt-setup held the session at start: its end is watched for.
    var watchingOtherRun = false
    /// Why the stop was asked for: recorded in the session when the run ends there.
    var stopCause: StopCause = .quit
    /// True on the turn a run ended, so that a last tick settles the elapsed times.
    private var justEnded = false

    init(options: WizardOptions) throws {
        self.options = options
        checks = try BackgroundWork()
        store = SessionStore(path: options.sessionPath)
        drafts = AnswersDraftStore(sessionPath: options.sessionPath)
        files = DiskServerFiles(root: options.root)
    }

    var isRunning: Bool { mode != nil }
    var outputDescriptor: Int32? { run?.execution?.process?.fileDescriptor }
    var waitDescriptors: [Int32] { [checks.descriptor] + (outputDescriptor.map { [$0] } ?? []) }
    /// The preflight and the verification, run off the loop so that keys are answered
    /// meanwhile.
    let checks: BackgroundWork<CheckKind, WizardAction>

    enum CheckKind: Hashable, Sendable {
        case preflight, verification
    }
    var pollTimeout: Int32 { run.map { $0.isBusy ? $0.pollTimeoutMilliseconds : 100 } ?? 100 }
    /// Twice a second, while another lt-setup finishes the session's step.
    var idlePollTimeout: Int32 { watchingOtherRun ? 500 : -1 }

    /// Where logs and backups go, once a session exists.
    var locations: SessionLocations {
        let id = run?.session.id ?? "SESSION"
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
    func setup(size: Size, glyphs: Glyphs) -> WizardSetup {
        let resumable = resumableSession()
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

    func perform(_ effect: WizardEffect) -> [WizardAction] {
        switch effect {
        case .saveAnswers(let raw, let screen): return saveDraft(raw, screen: screen)
        case .buildPlan(let answers): return buildPlan(answers)
        case .runPreflight(let answers):
            let root = options.root
            checks.start(.preflight) { .preflightReady(Self.preflight(answers, root: root)) }
            return []
        case .runVerification(let answers):
            let root = options.root
            checks.start(.verification) { .verificationReady(ApplyChecks.verificationAfterRun(answers, root: root, source: .wizard)) }
            return []
        case .startRun(let mode): return begin(mode)
        case .retry: return begin(.all)
        case .skip(let id):
            guard let run, !run.isBusy else { return [] }
            return collect { run.skip(id, reason: StepOutcome.skippedByOperator, $0) }
        case .abortStep:
            run?.cancel()
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
        guard !options.previewOnly, run == nil else { return [.sessionSaved] }
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
        Preflight.run(answers, files: DiskServerFiles(root: root), probes: SystemProbes(),
                      options: PreflightOptions(source: .wizard))
    }


    func begin(_ requested: RunMode) -> [WizardAction] {
        if options.previewOnly {
            return refused("this is a preview of the files under \(options.root): run lt-setup without --root to change this server")
        }
        guard geteuid() == 0 else {
            return refused("changing the server needs root: quit and run `sudo lt-setup`")
        }
        if run == nil {
            do {
                run = try openRun()
            } catch {
                return refused("\(error)")
            }
        }
        mode = requested
        stepsRun = 0
        stopRequested = false
        return [.sessionOpened(locations)] + advance()
    }

    /// A run that cannot start: why, and its end at once, so that the run screen does not
    /// wait for steps (and quitting does not ask to stop a run) that will never come.
    func refused(_ message: String) -> [WizardAction] {
        [.runRefused(message), .runEnded]
    }

    /// The session for the plan: the unfinished one made for the same answers, or a new one
    /// (an older unfinished one is archived: the operator chose to start over).
    func openRun() throws -> PlanRun {
        guard let plan else { throw ExecutionError("no plan to run yet") }
        try store.lock()
        // The operator chose at the Welcome screen: Resume loaded the saved answers (so the
        // same answers resume), Start over replaces the unfinished session.
        let choice = SessionChoice.choose(existing: try store.load(), plan: plan, startOver: true,
                                          newSession: { SessionChoice.freshSession(for: plan) })
        guard let session = try choice.begin(store: store) else { throw ExecutionError("no session could be chosen") }
        // The session holds the answers from now on.
        drafts.remove()
        let run = try PlanRun(answers: plan.answers, session: session, files: files, store: store, locations: runLocations)
        // ncurses owns the terminal: a failed save is shown on the screen, not on stderr.
        run.saveFailed = { [weak self] message in self?.unsaved.append(message) }
        return run
    }

    func resume() -> [WizardAction] {
        do {
            guard let saved = try store.load() else { return [.planFailed("the unfinished session is gone")] }
            let built = try PlanBuilder.build(saved.answers, on: files)
            plan = built
            if !options.previewOnly { run = try openRun() }
            return [.sessionResumed(built, outcomes: Self.outcomes(saved)), .sessionOpened(locations)]
        } catch {
            return [.planFailed("\(error)")]
        }
    }

    static func outcomes(_ session: Session) -> [StepID: StepOutcome] {
        var outcomes: [StepID: StepOutcome] = [:]
        for record in session.steps {
            switch record.status {
            case .done: outcomes[record.id] = record.changed ? .done : .alreadyDone
            case .skipped: outcomes[record.id] = .skipped(record.detail ?? "skipped")
            case .failed: outcomes[record.id] = .failed(record.detail ?? "failed", restored: [])
            // A step still marked running was cut off when lt-setup died.
            case .interrupted, .running: outcomes[record.id] = .interrupted
            case .pending: continue
            }
        }
        return outcomes
    }

    /// Drives the running step after a wake-up and starts the next one when the mode
    /// allows; the clock ticks while a run is on, and once more as it ends.
    func service(readable: Set<Int32>) -> [WizardAction] {
        justEnded = false
        if watchingOtherRun && store.holder() == nil {
            watchingOtherRun = false
            return [.otherRunEnded(resumableSession())]
        }
        let finishedChecks = readable.contains(checks.descriptor) ? checks.take() : []
        guard let run, mode != nil else { return finishedChecks }
        let outputReadable = outputDescriptor.map(readable.contains) ?? false
        var actions = finishedChecks + collect { run.service(outputReadable: outputReadable, $0) }
        if !run.isBusy { actions += advance() }
        if isRunning || justEnded { actions.append(.tick(seconds: Clock.seconds() - started)) }
        return actions
    }

    /// A live session's reports come from its effects and its run, never from a key alone.
    func reports(afterKey key: Key) -> [WizardAction] { [] }

    /// Starts steps while the mode allows, and ends the run when it does not.
    func advance() -> [WizardAction] {
        guard let run, let current = mode else { return [] }
        // The clock first: a step that starts now is timed from now, not from the last tick
        // (before a run there are none, so the first step counted from lt-setup's start).
        var actions: [WizardAction] = [.tick(seconds: Clock.seconds() - started)]
        while !run.isBusy {
            let enough = current == .next && stepsRun > 0
            if stopRequested || run.stopped || run.isComplete || enough {
                // A failure or the operator's stop is recorded by the run itself.
                if stopRequested && !run.stopped { run.recordStop(stopCause) }
                mode = nil
                justEnded = true
                return actions + [.runEnded]
            }
            let before = actions.count
            actions += collect { run.startNextStep($0) }
            if !run.isBusy && actions.count == before {
                mode = nil
                justEnded = true
                return actions + [.runEnded]
            }
        }
        return actions
    }

    /// No new step starts; with `cancel`, the running one is stopped too (but never while
    /// packages install: dpkg is not cut off mid-way).
    func stopAfterCurrentStep(cancel: Bool, because cause: StopCause) {
        if !stopRequested { stopCause = cause }
        stopRequested = true
        if cancel, run?.execution?.step.id != .packages { run?.cancel() }
    }

    /// Runs `body`, turning its run events into actions and counting the steps that ran.
    func collect(_ body: ((RunEvent) -> Void) -> Void) -> [WizardAction] {
        var actions: [WizardAction] = []
        body { event in
            if case .stepFinished(_, let outcome) = event, [.done, .interrupted].contains(outcome) || outcome.isFailure {
                stepsRun += 1
            }
            actions.append(.runEvent(event))
        }
        actions += unsaved.map { WizardAction.sessionFailed($0) }
        unsaved = []
        return actions
    }

    func logPath(of id: StepID) -> String? {
        run.flatMap { runLocations.stepLog(id, in: $0.session) }
    }

    func summaryPath(of session: String) -> String? {
        runLocations.summary(session)
    }
}

extension StepOutcome {
    var isFailure: Bool {
        if case .failed = self { return true }
        return false
    }
}

/// The backend to suggest: LibreTime's own nginx site's listen port when it is there.
enum LibreTimeBackend {
    static func suggestion(_ files: ServerFiles) -> String {
        guard let port = files.contents(of: ServerPaths.libretimeNginxSite).flatMap(LibreTimeSite.listenPort) else {
            return Answers.defaultBackend.answer
        }
        return "localhost:\(port)"
    }
}
