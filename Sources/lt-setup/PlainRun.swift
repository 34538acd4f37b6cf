import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// A session run to its end in plain text, by `apply` and the line-by-line wizard alike: the
/// steps with their progress, why the run stopped when a signal stopped it, then the
/// verification of a complete run.
enum PlainRun {
    /// Throws `ExitCode(128 + N)` after signal N, `ExitCode(1)` when a step or the
    /// verification failed.
    static func run(_ plan: Plan, session: Session, store: SessionStore, verbose: Bool, source: AnswerSource) throws {
        let run = try CommandOutput.orExit {
            try PlanRun(answers: plan.answers, session: session, files: DiskServerFiles(), store: store,
                        locations: RunLocations())
        }
        let progress = ApplyProgress(verbose: verbose, run: run)
        let ending = ApplyLoop(run: run, signals: SignalPipe.install()).run { progress.show($0) }
        if case .signal(let number) = ending { run.recordStop(StopCause(signal: number)) }
        progress.summary(run.session)
        switch ending {
        case .signal(let number): throw ExitCode(128 + number)
        case .finished:
            if !run.isComplete { throw ExitCode(1) }
            try ApplyChecks.verify(plan.answers, source: source)
        }
    }
}
