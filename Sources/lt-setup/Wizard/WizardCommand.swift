import ArgumentParser
import LTSetupApp
import LTSetupRuntime
import LTSetupUI

/// `lt-setup` or `lt-setup wizard`: the interactive wizard.
struct WizardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "The interactive wizard (what `lt-setup` alone starts).",
        discussion: """
            Keyboard only: arrows and Tab move, Enter chooses, Esc goes back, ? or F1 shows \
            help, q quits. It asks the questions, previews every file it will create or change \
            with a diff against the server's copy, then runs each step with its output live. \
            Answers and progress are saved at once. The steps run in a process of their own, \
            detached from the terminal: if the connection drops while every step runs, the run \
            goes on, and lt-setup started again opens on it (or on its result); step by step, \
            the run stops after its step, and Resume goes on. Without a terminal that can draw \
            screens (no TTY, TERM=dumb) it asks line by line instead.

            \(HelpText.examples([
                "sudo lt-setup                # the same as sudo lt-setup wizard",
                "ssh -t root@station lt-setup # -t: a terminal, for the screens",
                "lt-setup --root ./server-copy  # a preview against a copy of /etc; runs nothing",
                "sudo lt-setup --plain        # line by line",
            ]))

            \(HelpText.exitStatus(
                success: "when the screens are left (the Done screen says how the run went; `lt-setup status` tells it later), or when a line-by-line run finished or its preview ended",
                failure: "when a line-by-line run did not finish, was declined, or its input ended"))
            """
    )

    @Option(name: .long, help: ArgumentHelp(
        "Preview against the files under this folder (a copy of a server's /etc) instead of /; running is then refused.",
        valueName: "dir"), transform: OperatorPath.absolute)
    var root: String?

    @Option(name: .long, help: ArgumentHelp("The session file.", valueName: "file"), transform: OperatorPath.absolute)
    var session: String = SessionStore.defaultPath

    @Flag(name: .long, help: "Ask line by line instead of drawing screens (also when there is no terminal, or TERM=dumb).")
    var plain = false

    func validate() throws {
        try OperatorPath.requireFolder(root)
    }

    func run() throws {
        let options = WizardOptions(root: root ?? "/", sessionPath: session, forcePlain: plain)
        let status = try WizardLauncher(options: options).run()
        if status != 0 { throw ExitCode(status) }
    }
}
