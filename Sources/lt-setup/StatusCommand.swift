import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup status`: where the last session stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last session: each step's status and times, and where its backups and logs are."
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        let store = SessionStore(path: sessionOptions.session)
        guard let session = try CommandOutput.orExit({ try store.load() }) else {
            print("No session in \(store.path): lt-setup has not changed this server yet.")
            return
        }
        let glyphs = PlainGlyphs.forLocale()
        print(SessionSummary.text(session, marks: SessionSummary.Marks(done: glyphs.done, failed: glyphs.failed, skipped: glyphs.skipped)), terminator: "")
    }
}
