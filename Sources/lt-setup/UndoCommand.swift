import ArgumentParser
import LTSetupApp
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

            The backups (/var/lib/lt-setup/backups/SESSION, root's alone: folders 0700, \
            files 0600) include the copies of Icecast's bundle.pem that a run replaced, \
            private keys of certificates that may still be valid. lt-setup keeps them so that \
            undo can put things back, and does not delete them by itself: `sudo lt-setup \
            prune` removes those of sessions that ended long ago, which undo no longer uses.

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
        var unreadable: [SessionError] = []
        let decision = try CommandOutput.orExit { try SessionUndo.decide(store: store, locations: RunLocations(), unreadable: &unreadable) }
        for problem in unreadable { CommandOutput.error("passed over: \(problem)") }
        switch decision {
        case .nothingToUndo:
            print("No session of lt-setup changed a file on this server that is not undone yet: nothing to undo.")
        case .changedSince(let target, let paths):
            announce(target)
            CommandOutput.error("these files changed after lt-setup wrote them; undo would lose that, so nothing was restored:")
            for path in paths { CommandOutput.detail("  \(path)") }
            CommandOutput.detail("Their originals are in \(target.backups.directory) (see manifest.json); restore them by hand if you wish.")
            throw ExitCode(1)
        case .asBefore(let target):
            announce(target)
            print("Nothing to undo: every file session \(target.session.id) changed is as it was before.")
            // Undone all the same: a later run must not resume it as if its steps were done.
            try CommandOutput.orExit { try SessionUndo.markUndone(target, store: store) }
        case .restore(let target, let pending):
            announce(target)
            let (failures, plan) = SessionUndo.restore(target, pending: pending, services: ServiceManagers.detect(DiskServerFiles()))
            for failure in failures { CommandOutput.error("could not restore \(failure.entry.path): \(failure.error)") }
            let already = target.backups.entries.count - pending.count
            print("Restored \(pending.count - failures.count) of \(pending.count) files from \(target.backups.directory)"
                + (already > 0 ? " (\(already) more \(already == 1 ? "was" : "were") as before already)." : "."))
            let reloaded = ServiceReload(plan: plan, proxy: target.session.answers.proxy).run()
            try CommandOutput.orExit { try SessionUndo.markUndone(target, store: store) }
            if !failures.isEmpty || !reloaded { throw ExitCode(1) }
        }
    }

    func announce(_ target: UndoTarget) {
        print("Undoing session \(target.session.id) (started \(target.session.createdAt)).")
    }
}

/// After undo: the undo plan's configuration test, then its restarts, each shown as it runs.
struct ServiceReload {
    let plan: UndoPlan
    let proxy: Proxy

    func run() -> Bool {
        guard runShowing(plan.configTest) else {
            CommandOutput.error("the restored configuration does not pass \(plan.configTest.argv.joined(separator: " ")); \(proxy.package) was not restarted.")
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
