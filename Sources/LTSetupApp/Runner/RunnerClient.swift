import Glibc
import LTSetupCore
import LTSetupRuntime

/// A front end's link to the runner of a session: requests out, and the run's progress in,
/// read from the session file and the step logs (see `RunFollower`).
public final class RunnerClient {
    public let connection: ControlConnection
    public let follower: RunFollower
    /// How far the runner is running: nil while it waits for a request.
    public private(set) var mode: RunMode?
    /// The runner has ended (or its connection broke): nothing more comes.
    public private(set) var isGone = false

    init(connection: ControlConnection, follower: RunFollower, mode: RunMode?) {
        self.connection = connection
        self.follower = follower
        self.mode = mode
    }

    /// Poll it for POLLIN, then `update()`.
    public var descriptor: Int32 { connection.descriptor }

    /// The runner of the session at `store.path`, when one is live; nil when none listens.
    /// Waits (briefly) for the runner's first word, so that its state is known.
    /// The log of a flooding step is read more than once: call `update` again at once.
    public var hasMore: Bool { follower.hasMore }

    public static func attach(store: SessionStore, locations: RunLocations,
                              pace: RunFollower.Pace = .everyLine) throws(ExecutionError) -> RunnerClient? {
        let connection: ControlConnection
        do {
            connection = try ControlConnection.connect(to: RunnerSocket.path(forSession: store.path))
        } catch {
            if error.nobodyListens { return nil }
            throw ExecutionError(error.message)
        }
        guard let mode = firstState(connection) else { return nil }
        let session: Session?
        do {
            session = try store.load()
        } catch {
            throw ExecutionError(error.description)
        }
        guard let session else { return nil }
        return RunnerClient(connection: connection, follower: RunFollower(session: session, store: store, locations: locations, pace: pace),
                            mode: mode)
    }

    /// Starts the session's runner, detached from this terminal, and attaches to it. The
    /// session must be saved already; the runner takes its lock.
    public static func launch(store: SessionStore, locations: RunLocations,
                              pace: RunFollower.Pace = .everyLine) throws(ExecutionError) -> RunnerClient {
        try DetachedLaunch.start(arguments: ["runner", "--session", store.path],
                                 logPath: locations.logsRoot + "/runner.log")
        guard let client = try attach(store: store, locations: locations, pace: pace) else {
            throw ExecutionError("the run started, but ended before lt-setup could follow it; see \(locations.logsRoot)/runner.log")
        }
        return client
    }

    /// The runner's state, which it says first on every connection.
    static func firstState(_ connection: ControlConnection) -> RunMode?? {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            var fds = [pollfd(fd: connection.descriptor, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 1, 100)
            for line in connection.receive() {
                if case .state(let mode) = RunnerNotice(line: line) { return .some(mode) }
            }
            if connection.isClosed { return nil }
        }
        return nil
    }

    public func send(_ request: RunnerRequest) {
        connection.send(request.line)
    }

    /// What the runner said and what the run did since the last call; call when
    /// `descriptor` is readable, and now and then while a run goes on.
    public func update() -> (events: [RunEvent], notices: [RunnerNotice]) {
        var notices: [RunnerNotice] = []
        if !isGone {
            for line in connection.receive() {
                guard let notice = RunnerNotice(line: line) else { continue }
                if case .state(let new) = notice { mode = new }
                if notice != .changed { notices.append(notice) }
            }
        }
        // One read per call: a flooding step's log is read over several turns of the
        // front end's loop, which reads keys in between (poll again at once while
        // `hasMore`).
        let events = follower.poll()
        if connection.isClosed && !isGone {
            isGone = true
            if mode != nil {
                mode = nil
                notices.append(.state(nil))
            }
        }
        return (events, notices)
    }

    /// Says this front end goes away on purpose, and closes the link.
    public func leave() {
        send(.leave)
    }
}
