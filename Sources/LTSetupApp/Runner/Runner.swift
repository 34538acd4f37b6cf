import Foundation
import Glibc
import LTSetupCore
import LTSetupRuntime

/// The process that carries out a session's steps, whatever terminals come and go.
///
/// Front ends (the wizard, `apply`, `attach`) are its clients: they send requests over the
/// control socket and read the run's progress from the session file and the step logs.
/// A run of every step (`all`) goes on to its end or its first failure with nobody
/// attached; a step-by-step run (`next`) stops after its step when the last front end hangs
/// up. The runner ends once nothing runs and nobody is attached, and sleeps in `poll`
/// (no CPU) while it waits for a request.
public final class Runner {
    public let run: PlanRun
    let listener: ControlListener
    var clients: [Link] = []
    /// What the current request asked for; nil while waiting for one.
    public private(set) var mode: RunMode?
    /// Steps that ran in the current request: a `next` request runs one.
    var stepsRun = 0
    /// Why no new step may start (a stop request, a signal, a hang-up in step-by-step mode).
    var stopCause: StopCause?
    /// Who asked to stop the running step, for the run's record.
    var stopAskedBy: String?
    /// Some front end has connected since the runner started.
    var hadClient = false
    /// When a runner that nobody connected to gives up.
    let firstClientDeadline: ContinuousClock.Instant
    /// Something new is in the session or a log: front ends are told on this turn.
    var changed = false
    var notes: [String] = []
    /// The state front ends were last told.
    var announcedState: RunMode? = nil

    /// A connected front end, and whether it said it leaves (not a hang-up).
    final class Link {
        let connection: ControlConnection
        var leaving = false

        init(_ connection: ControlConnection) {
            self.connection = connection
        }

        var name: String { "lt-setup process \(connection.peerProcess)" }
    }

    /// - Parameter firstClientWait: how long to wait for the front end that started it.
    public init(run: PlanRun, listener: ControlListener, firstClientWait: Duration = .seconds(10)) {
        self.run = run
        self.listener = listener
        firstClientDeadline = ContinuousClock.now + firstClientWait
        run.saveFailed = { [weak self] message in
            // stderr is runner.log: the failure stays on record even with nobody attached.
            FileHandle.standardError.write(Data("lt-setup runner: \(message)\n".utf8))
            self?.notes.append(message)
        }
    }

    /// Nothing runs, nobody is attached (or nobody came): the runner may end.
    public var isFinished: Bool {
        mode == nil && !run.isBusy && clients.isEmpty && (hadClient || ContinuousClock.now >= firstClientDeadline)
    }

    /// What `poll` waits on: new front ends, their requests, the running step's output.
    public var descriptors: [Int32] {
        [listener.descriptor] + clients.map(\.connection.descriptor)
            + (run.execution?.process?.fileDescriptor.map { [$0] } ?? [])
    }

    /// How long `poll` may sleep: -1 while waiting for a request, which costs no CPU.
    public var pollTimeout: Int32 {
        if run.isBusy { return run.pollTimeoutMilliseconds }
        if mode != nil { return 0 }
        if !hadClient && clients.isEmpty {
            let left = firstClientDeadline - ContinuousClock.now
            return Int32(max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1)
        }
        return -1
    }

    /// Sleeps in `poll` and serves each wake-up until the runner may end. `signals` is
    /// polled too; `takeSignals` drains it (SIGTERM, SIGINT: stop after the running step).
    public func serve(signals: Int32? = nil, takeSignals: () -> [Int32] = { [] }) {
        while !isFinished {
            var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            if let signals { fds.append(pollfd(fd: signals, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), pollTimeout)
            if signals != nil, fds.last.map({ $0.revents != 0 }) == true {
                for number in takeSignals() { stop(because: StopCause(signal: number)) }
            }
            turn(readable: Set(fds.filter { $0.revents != 0 }.map(\.fd)))
        }
        listener.remove()
    }

    /// One wake-up: new front ends, their requests, the step's output, the next step.
    public func turn(readable: Set<Int32>) {
        if readable.contains(listener.descriptor) { acceptClients() }
        for link in clients where readable.contains(link.connection.descriptor) {
            for line in link.connection.receive() { handle(line, from: link) }
        }
        dropClosedClients()
        if run.isBusy {
            let output = run.execution?.process?.fileDescriptor
            run.service(outputReadable: output.map(readable.contains) ?? false, deliver)
        }
        advance()
        tellClients()
    }

    /// No new step starts; the running one finishes.
    public func stop(because cause: StopCause) {
        guard mode != nil else { return }
        if stopCause == nil { stopCause = cause }
    }

    func acceptClients() {
        while let connection = listener.accept() {
            hadClient = true
            let link = Link(connection)
            clients.append(link)
            connection.send(RunnerNotice.state(mode).line)
        }
    }

    func dropClosedClients() {
        let gone = clients.filter(\.connection.isClosed)
        guard !gone.isEmpty else { return }
        clients.removeAll { $0.connection.isClosed }
        guard clients.isEmpty else { return }
        // The last front end went away: a run of every step goes on; a step-by-step run
        // stops after its step, since nobody is there to ask for the next one.
        let hungUp = gone.contains { !$0.leaving }
        if mode == .next { stop(because: hungUp ? .hangUpStepByStep : .quit) }
    }

    func handle(_ line: String, from link: Link) {
        guard let request = RunnerRequest(line: line) else {
            link.connection.send(RunnerNotice.refused("not a request: \(line.prefix(80))").line)
            return
        }
        switch request {
        case .all, .next:
            guard mode == nil, !run.isBusy else {
                link.connection.send(RunnerNotice.refused("a run is already going on").line)
                return
            }
            guard !run.isComplete else {
                link.connection.send(RunnerNotice.refused("every step is done already").line)
                return
            }
            run.clearStop()
            mode = request == .all ? .all : .next
            stepsRun = 0
            stopCause = nil
            stopAskedBy = nil
            run.openRunRecord(mode: RunnerNotice.word(request == .all ? .all : .next))
            changed = true
            // Said at once, so that every front end sees the run begin before it ends, however
            // quickly its steps are found done.
            announceState()
        case .skip(let id):
            guard mode == nil, !run.isBusy else {
                link.connection.send(RunnerNotice.refused("a step cannot be skipped while the run goes on").line)
                return
            }
            run.clearStop()
            run.skip(id, reason: StepOutcome.skippedByOperator, deliver)
        case .stopStep:
            guard mode != nil else { return }
            stopAskedBy = link.name
            if run.execution?.step.id == .packages {
                stop(because: .stoppedBy(link.name))
                notes.append("waiting for the package installation to finish: dpkg is never stopped mid-way; the run stops after it")
            } else {
                stop(because: .stoppedBy(link.name))
                run.cancel()
            }
        case .stopAfterStep:
            stop(because: .stoppedBy(link.name))
        case .leave:
            link.leaving = true
        }
    }

    /// Starts steps while the request allows, and ends the request when it does not.
    func advance() {
        guard let current = mode else { return }
        while !run.isBusy {
            let oneDone = current == .next && stepsRun > 0
            if stopCause != nil || run.stopped || run.isComplete || oneDone || !run.startNextStep(deliver) && !run.isBusy {
                end()
                return
            }
        }
    }

    /// The request is over: its record says why, and whether anyone was watching.
    func end() {
        run.closeRunRecord(stopCause, askedBy: stopAskedBy, unwatched: clients.isEmpty)
        if run.lastSaveFailure != nil {
            // Front ends read the run's end from the session file, which is behind: say it.
            let session = run.session
            let how = session.isComplete ? "every step is done"
                : session.stop?.reason ?? "it ended between steps, with steps left to run"
            notes.append("the session file could not be saved, so it does not show how this run ended: \(how). "
                + "\(run.locations.summary(session.id)) does; free the space (or fix the folder) and run lt-setup again")
        }
        mode = nil
        stopCause = nil
        changed = true
    }

    func deliver(_ event: RunEvent) {
        changed = true
        if case .stepFinished(_, let outcome) = event {
            switch outcome {
            case .done, .interrupted, .failed: stepsRun += 1
            case .alreadyDone, .skipped: break
            }
        }
    }

    func tellClients() {
        var lines = notes.map { RunnerNotice.note($0).line }
        notes = []
        if changed { lines.append(RunnerNotice.changed.line) }
        changed = false
        for link in clients {
            for line in lines { link.connection.send(line) }
        }
        if announcedState != mode { announceState() }
    }

    func announceState() {
        announcedState = mode
        for link in clients { link.connection.send(RunnerNotice.state(mode).line) }
    }
}
