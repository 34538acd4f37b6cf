import ArgumentParser
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// `lt-setup runner`: the detached process that carries out a session's steps (see
/// `Runner`). Front ends start it; it is not for operators, so `--help` does not list it.
struct RunnerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "Carry out the saved session's steps, detached from any terminal (started by the other commands).",
        shouldDisplay: false
    )

    @OptionGroup var sessionOptions: SessionOptions

    @Flag(name: .customLong("detach"), help: "The middle stage of the launch: start the runner and exit.")
    var detach = false

    func run() throws {
        if detach {
            do {
                _ = try DetachedLaunch.respawn(arguments: Array(CommandLine.arguments.dropFirst()))
            } catch {
                DetachedLaunch.report("error: \(error)")
                throw ExitCode(1)
            }
            return
        }
        DetachedLaunch.detachFromLauncher()
        let runner: Runner
        do {
            runner = try open()
        } catch {
            DetachedLaunch.report("error: \(error)")
            throw ExitCode(1)
        }
        // SIGHUP is ignored (there is no terminal to hang up); these stop it after the step.
        let signals = SignalPipe.install([SIGINT, SIGTERM, SIGQUIT])
        DetachedLaunch.report("ready")
        runner.serve(signals: signals?.fileDescriptor, takeSignals: { signals?.drain() ?? [] })
    }

    /// The session's lock, its run, and the control socket, or why not.
    func open() throws -> Runner {
        guard geteuid() == 0 else { throw ExecutionError("the run changes the server: it needs root (sudo)") }
        let store = SessionStore(path: sessionOptions.session)
        try store.lock()
        guard let session = try store.load(), session.isResumable else {
            throw ExecutionError("no unfinished session in \(store.path) to run")
        }
        let run = try PlanRun(answers: session.answers, session: session, files: DiskServerFiles(), store: store,
                              locations: RunLocations())
        let listener = try ControlListener(path: RunnerSocket.path(forSession: store.path))
        return Runner(run: run, listener: listener)
    }
}
