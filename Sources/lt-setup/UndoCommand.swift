import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup undo`: puts back every file the last session changed.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Put back every file the last session changed, then test the configuration and restart.",
        discussion: """
            Each file, symlink and module link goes back to what it was before lt-setup \
            changed it; files lt-setup created are removed. If a file changed after lt-setup \
            wrote it (by hand, or by another tool), undo refuses and changes nothing, so that \
            no later work is lost. Installed packages and certificates stay: remove a \
            certificate with `certbot delete --cert-name DOMAIN` if you no longer want it.

            \(HelpText.examples([
                "sudo lt-setup undo",
                "sudo certbot delete --cert-name libretime.example.org   # the certificate too",
            ]))

            \(HelpText.exitStatus(
                success: "when every file is as it was before (or there was nothing to undo)",
                failure: "when a file changed after lt-setup wrote it (nothing is restored), a file could not be restored, or the configuration test or a restart failed"))
            """
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        try RootCheck.require("undo")
        let store = SessionStore(path: sessionOptions.session)
        try CommandOutput.orExit { try store.lock() }
        guard let found = try CommandOutput.orExit({ try store.lastChangingSession() }) else {
            print("No session of lt-setup changed a file on this server that is not undone yet: nothing to undo.")
            return
        }
        var session = found.session
        print("Undoing session \(session.id) (started \(session.createdAt)).")
        let backups = try CommandOutput.orExit { try BackupStore.load(directory: RunLocations().backups(session.id)) }
        // The bundle is rebuilt by lt-setup's own renewal hook at every renewal: a new content
        // there is expected, not someone's work to protect.
        let changed = backups.entries.filter { $0.path != ServerPaths.icecastBundle && backups.changedSince($0) }
        guard changed.isEmpty else {
            CommandOutput.error("these files changed after lt-setup wrote them; undo would lose that, so nothing was restored:")
            for entry in changed { CommandOutput.detail("  \(entry.path)") }
            CommandOutput.detail("Their originals are in \(backups.directory) (see manifest.json); restore them by hand if you wish.")
            throw ExitCode(1)
        }
        // A failed step puts its own files back: those are as they were already.
        let pending = backups.entries.filter { !backups.isAsBefore($0) }
        guard !pending.isEmpty else {
            print("Nothing to undo: every file session \(session.id) changed is as it was before.")
            // Undone all the same: a later run must not resume it as if its steps were done.
            session.undoneAt = Timestamp.now()
            try CommandOutput.orExit { try store.save(session, to: found.path) }
            return
        }
        let failures = backups.restoreAll(pending)
        for failure in failures { CommandOutput.error("could not restore \(failure.entry.path): \(failure.error)") }
        let already = backups.entries.count - pending.count
        print("Restored \(pending.count - failures.count) of \(pending.count) files from \(backups.directory)"
            + (already > 0 ? " (\(already) more \(already == 1 ? "was" : "were") as before already)." : "."))
        let reloaded = ServiceReload(answers: session.answers, restoredPaths: pending.map(\.path)).run()
        session.undoneAt = Timestamp.now()
        try CommandOutput.orExit { try store.save(session, to: found.path) }
        if !failures.isEmpty || !reloaded { throw ExitCode(1) }
    }
}

/// After undo: the undo plan's configuration test, then its restarts, each shown as it runs.
struct ServiceReload {
    let answers: Answers
    let restoredPaths: [String]

    func run() -> Bool {
        let plan = UndoPlan.build(proxy: answers.proxy, restoredPaths: restoredPaths,
                                  services: ServiceManagers.detect(DiskServerFiles()))
        guard runShowing(plan.configTest) else {
            CommandOutput.error("the restored configuration does not pass \(plan.configTest.argv.joined(separator: " ")); \(answers.proxy.package) was not restarted.")
            return false
        }
        var ok = true
        for restart in plan.restarts { ok = runShowing(restart) && ok }
        for note in plan.notes { print(note) }
        return ok
    }

    func runShowing(_ command: Command) -> Bool {
        print("$ \(ShellQuote.command(command.argv))")
        do {
            let termination = try ProcessRunner().run(command, log: nil) { print("  \($0)") }
            if !termination.succeeded { CommandOutput.error("\(command.argv.joined(separator: " ")) \(termination)") }
            return termination.succeeded
        } catch {
            CommandOutput.error("\(error)")
            return false
        }
    }
}
