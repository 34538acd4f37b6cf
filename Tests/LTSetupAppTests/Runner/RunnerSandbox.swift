import Foundation
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// A session of real steps over a scratch folder, its store, logs and control socket: what
/// a runner and its front ends share on a server, in /tmp.
final class RunnerSandbox {
    let root: String
    let answers = Answers(domain: "a.example.org", email: "a@example.org")
    let locations: RunLocations
    let store: SessionStore
    /// The programs of the three steps: `second` may be made slow or failing.
    let second: [String]

    init(second: [String] = ["sh", "-c", "echo second; echo done"]) throws {
        root = "/tmp/lt-setup-app-test-\(UUID().uuidString.lowercased().prefix(12))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        locations = RunLocations(backupsRoot: root + "/backups", logsRoot: root + "/logs")
        store = SessionStore(path: root + "/session.json", changeable: .under(root))
        self.second = second
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    var socketPath: String { RunnerSocket.path(forSession: store.path) }
    var marker: String { root + "/site.conf" }

    /// Three steps: write a file, run `second`, run a last program.
    func plan(_ files: ServerFiles) -> Plan {
        let steps = [
            Step(id: .siteFile, title: "Write the site", guideSection: "s", explanation: "e",
                 actions: [.write(FileWrite(path: marker, content: "server a;\n", permissions: .config,
                                            previous: files.state(of: marker)))],
                 doneWhen: .content(path: marker, equals: "server a;\n")),
            Step(id: .enableSite, title: "The second step", guideSection: "s", explanation: "e",
                 actions: [.run(Command(second))], doneWhen: .any([])),
            Step(id: .restartProxy, title: "The last step", guideSection: "s", explanation: "e",
                 actions: [.run(Command(["echo", "last"]))], doneWhen: .any([])),
        ]
        return Plan(answers: answers, steps: steps, notes: [], serviceManagerName: "test")
    }

    /// Saves a new session for the plan, as a front end does before it starts a runner.
    func savedSession() throws -> Session {
        let session = Session(id: "test-\(UUID().uuidString.prefix(8))", createdAt: Timestamp.now(), plan: plan(DiskServerFiles()))
        try store.save(session)
        return session
    }

    /// A runner over the saved session, listening on the session's socket.
    func runner(allowedUser: uid_t = geteuid(), firstClientWait: Duration = .seconds(10)) throws -> Runner {
        let session = try savedSession()
        try store.lock()
        let run = try PlanRun(answers: answers, session: session, files: DiskServerFiles(), store: store,
                              locations: locations, options: RunOptions(gracePeriod: .milliseconds(200)),
                              planner: { self.plan($0) })
        return Runner(run: run, listener: try ControlListener(path: socketPath, allowedUser: allowedUser),
                      firstClientWait: firstClientWait)
    }
}

extension Runner {
    /// Serves wake-ups until `condition` holds (at most `limit`), as the runner's own loop does.
    @discardableResult
    func serve(until condition: () -> Bool, limit: Duration = .seconds(20)) -> Bool {
        let deadline = ContinuousClock.now + limit
        while !condition() {
            guard ContinuousClock.now < deadline else { return false }
            var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let timeout = pollTimeout
            _ = poll(&fds, nfds_t(fds.count), timeout < 0 || timeout > 50 ? 50 : timeout)
            turn(readable: Set(fds.filter { $0.revents != 0 }.map(\.fd)))
        }
        return true
    }
}

/// A front end's connection in the tests: notices are taken in order, none skipped.
final class TestClient {
    let connection: ControlConnection
    var queue: [RunnerNotice] = []

    init(_ path: String) throws {
        connection = try ControlConnection.connect(to: path)
    }

    func send(_ request: RunnerRequest) { connection.send(request.line) }

    /// Serves the runner until a notice matches, dropping those before it.
    func await(_ runner: Runner, _ matches: (RunnerNotice) -> Bool) -> Bool {
        runner.serve(until: {
            queue += connection.receive().compactMap(RunnerNotice.init(line:))
            while let first = queue.first {
                queue.removeFirst()
                if matches(first) { return true }
            }
            return false
        })
    }

    func await(_ runner: Runner, _ notice: RunnerNotice) -> Bool {
        self.await(runner) { $0 == notice }
    }
}
