import ArgumentParser
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// `lt-setup attach`: follows the run going on, in plain text, and exits with its result.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Follow the run going on (started by the wizard or apply) in plain text, and exit with its result.",
        discussion: """
            A run belongs to the server, not to the terminal that started it: if the ssh link \
            drops while every step runs, the run goes on to its end, or to its first failure. \
            `sudo lt-setup attach` shows it from where it stands (the running step's last \
            lines first), then each step as it ends, then the verification of a complete \
            run. Several terminals may follow one run at once.

            Ctrl-C stops the running step (never dpkg mid-way: then the run stops after the \
            package installation); quitting with a dropped link leaves the run going. With no \
            run going on, it prints where the last session stands, as `lt-setup status` does.

            `sudo lt-setup` (the wizard) attaches to a live run too, on its Run screen; \
            `sudo lt-setup apply` with the same answers follows it like this command.

            \(HelpText.examples([
                "sudo lt-setup attach",
                "sudo lt-setup attach --verbose   # every line the steps' programs write",
            ]))

            \(HelpText.exitStatus(
                success: "when the run ended with every step done and verification found no failure",
                failure: "when a step failed or was stopped, steps are left, or verification failed"))
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    @Flag(name: .long, help: "Print every line the steps' programs write, not only on failure.")
    var verbose = false

    func run() throws {
        try RootCheck.require("attach", reason: "reads the session and its logs, which are root's")
        let store = SessionStore(path: sessionOptions.session)
        guard let client = try CommandOutput.orExit({ try RunnerClient.attach(store: store, locations: RunLocations()) }) else {
            guard let session = try CommandOutput.orExit({ try store.load() }) else {
                print("No run is going on, and there is no session in \(store.path).")
                return
            }
            let glyphs = PlainGlyphs.forLocale()
            print("No run is going on. The last session:")
            print(SessionSummary.text(session, marks: SessionSummary.Marks(done: glyphs.done, failed: glyphs.failed, skipped: glyphs.skipped),
                                      runnerLive: store.holder() != nil), terminator: "")
            if !session.isComplete { throw ExitCode(1) }
            return
        }
        try PlainRun.follow(client, answers: client.follower.session.answers, verbose: verbose, source: .answersFile,
                            requested: false)
    }
}
