import ArgumentParser
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// A session's run in plain text, for `apply`, the line-by-line wizard and `attach`: the
/// run is carried out by its detached runner, and this front end follows it (the steps
/// with their progress, why it stopped, then the verification of a complete run). The run
/// goes on if this terminal hangs up.
enum PlainRun {
    /// Hands the saved session (whose lock `store` holds) to a new runner, asks it to run
    /// every step, and follows it to the end.
    static func run(_ plan: Plan, store: SessionStore, verbose: Bool, source: AnswerSource) throws {
        store.unlock()
        let client = try CommandOutput.orExit { try RunnerClient.launch(store: store, locations: RunLocations()) }
        client.send(.all)
        try follow(client, answers: plan.answers, verbose: verbose, source: source, requested: true)
    }

    /// Follows the run to its end. `requested`: this front end just asked for the run, so it
    /// waits for it to begin; otherwise it attached to a run that may be going on or not.
    ///
    /// Throws `ExitCode(128 + N)` after signal N, `ExitCode(1)` when a step or the
    /// verification failed or steps are left.
    static func follow(_ client: RunnerClient, answers: Answers, verbose: Bool, source: AnswerSource,
                       requested: Bool) throws {
        let progress = ApplyProgress(verbose: verbose, session: { client.follower.session })
        let signals = SignalPipe.install()
        var watch = requested ? RunWatch.requested : .attached(mode: client.mode)
        if watch.began { showRunning(client, progress) }
        var stopSignal: Int32?
        // After the run's end, what its logs still hold is read to the last line.
        while !watch.ended || client.hasMore {
            var fds = [pollfd(fd: client.descriptor, events: Int16(POLLIN), revents: 0)]
            if let signals { fds.append(pollfd(fd: signals.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), client.hasMore ? 0 : 1000)
            for signal in signals?.drain() ?? [] {
                stopSignal = signal
                switch signal {
                case SIGHUP:
                    // Nobody reads this terminal any more; the run is the runner's.
                    throw ExitCode(128 + SIGHUP)
                case SIGINT, SIGQUIT:
                    client.send(.stopStep)
                default:
                    print("lt-setup: asked to stop; finishing the running step, then saving the session.")
                    client.send(.stopAfterStep)
                }
            }
            let (events, notices) = client.update()
            for event in events { progress.show(event) }
            for notice in notices {
                switch notice {
                case .state, .changed:
                    break
                case .refused(let why):
                    CommandOutput.error("the run cannot start: \(why).")
                    throw ExitCode(1)
                case .note(let text):
                    print("lt-setup: \(text)")
                }
            }
            _ = watch.observe(notices, runnerGone: client.isGone)
        }
        client.leave()
        let session = client.follower.session
        progress.summary(session)
        if let stopSignal { throw ExitCode(128 + stopSignal) }
        if !session.isComplete { throw ExitCode(1) }
        try ApplyChecks.verify(answers, source: source)
    }

    /// For a front end that attaches mid-run: where the run stands, and the running step's
    /// last lines.
    static func showRunning(_ client: RunnerClient, _ progress: ApplyProgress) {
        let session = client.follower.session
        let done = session.steps.filter { $0.status == .done || $0.status == .skipped }.count
        print("Following the run of session \(session.id): \(done) of \(session.steps.count) steps done.")
        guard let index = session.steps.firstIndex(where: { $0.status == .running }) else { return }
        let record = session.steps[index]
        progress.show(.stepStarted(record.id, title: record.title ?? record.id.rawValue, number: index + 1, of: session.steps.count))
        for event in client.follower.backlog(record.id, lines: 10) { progress.show(event) }
    }
}
