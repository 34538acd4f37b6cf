import ArgumentParser
import Foundation
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// `lt-setup prune`: removes the backups that undo no longer uses.
struct PruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Remove the backups of sessions finished or undone long ago, which undo no longer uses.",
        discussion: """
            Each run backs up every file before it changes it, in \
            /var/lib/lt-setup/backups/SESSION (root's alone: folders 0700, files 0600). Those \
            backups include the copies of Icecast's bundle.pem that a run replaced: private \
            keys of certificates that may still be valid. lt-setup never deletes them by \
            itself, since they are what undo puts back; this command removes those of \
            sessions that finished or were undone more than --older-than days ago, except the \
            session undo would put back. It lists what it removes; with --dry-run it only lists.

            \(HelpText.examples([
                "sudo lt-setup prune --dry-run          # what would go",
                "sudo lt-setup prune --older-than 90",
            ]))

            \(HelpText.exitStatus(success: "when every listed folder was removed (or nothing was to go)",
                                  failure: "when a folder could not be removed, or the session files cannot be read"))
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    @Option(name: .long, help: ArgumentHelp("Only sessions that ended more than this many days ago.", valueName: "days"))
    var olderThan: Int = 30

    @Flag(name: .long, help: "List what would be removed, and remove nothing.")
    var dryRun = false

    func validate() throws {
        guard olderThan >= 0 else { throw ValidationError("--older-than: give a number of days, 0 or more") }
    }

    func run() throws {
        try RootCheck.require("prune", reason: "removes root's backups")
        let store = SessionStore(path: sessionOptions.session)
        // No run may add backups meanwhile.
        try CommandOutput.orExit { try store.lock() }
        var unreadable: [SessionError] = []
        let candidates = try CommandOutput.orExit {
            try BackupPruning.candidates(store: store, locations: RunLocations(), now: Date(), olderThanDays: olderThan,
                                         unreadable: &unreadable)
        }
        for problem in unreadable { CommandOutput.error("passed over: \(problem)") }
        guard !candidates.isEmpty else {
            print("No backups to remove: no session other than the one undo would put back ended more than \(olderThan) days ago.")
            return
        }
        var failed = false
        for candidate in candidates {
            if dryRun {
                print("would remove \(candidate.folder) (session \(candidate.session), \(candidate.why))")
                continue
            }
            do {
                try BackupPruning.remove(candidate)
                print("removed \(candidate.folder) (session \(candidate.session), \(candidate.why))")
            } catch {
                CommandOutput.error("could not remove \(candidate.folder): \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
