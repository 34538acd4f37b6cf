import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup status`: where the last session stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last session: each step's status and times, and where its backups and logs are.",
        discussion: """
            Each step is listed with its number, its title and where it stands: to do, \
            running, done, already done (found done on the server, so not run), not \
            applicable (with why), skipped (at the operator's request), failed or \
            interrupted. Then why the last run stopped, if it did, the last runs (every step \
            or step by step, and how each ended, with "nobody was attached" when it ended \
            while no terminal followed it), how to resume, and where the session's backups \
            and logs are. It changes nothing; run it with sudo to read \
            the session file (/var/lib/lt-setup is root's).

            \(HelpText.examples([
                "sudo lt-setup status",
                "lt-setup status --session ./session.json   # a session file of your own",
            ]))

            \(HelpText.exitStatus(success: "when the session was shown, or there is none",
                                  failure: "when the session file cannot be read"))
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        let store = SessionStore(path: sessionOptions.session)
        guard let session = try CommandOutput.orExit({ try store.load() }) else {
            print("No session in \(store.path): lt-setup has not changed this server yet.")
            return
        }
        let glyphs = PlainGlyphs.forLocale()
        print(SessionSummary.text(session, marks: SessionSummary.Marks(done: glyphs.done, failed: glyphs.failed, skipped: glyphs.skipped),
                                  runnerLive: store.holder() != nil), terminator: "")
    }
}
