import ArgumentParser
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// `lt-setup apply`: runs the plan for real, without the wizard.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Run every step of the plan on this server, with backups, config tests and resume.",
        discussion: """
            Each file is backed up before it changes (/var/lib/lt-setup/backups/SESSION) and \
            each step's output goes to /var/log/lt-setup/SESSION/. If the run stops (a failed \
            step, Ctrl-C), run the same command again: it resumes at the first step that is not \
            done. A step whose work is already on the server is skipped, so a second run \
            changes nothing.

            The steps are carried out by a process of their own, detached from the terminal: \
            if the ssh link drops, the run goes on to its end (or its first failure). Run the \
            same command again, or `sudo lt-setup attach`, to follow it from where it stands.

            Ctrl-C stops the running program and marks its step interrupted, except while \
            packages install: dpkg is never killed mid-way. SIGTERM lets the running step \
            finish, then the run stops and the session is saved.

            Before the first step it runs the checks of `lt-setup preflight` and stops, \
            changing nothing, when a hard one fails (--skip-preflight to go on anyway). After \
            the last step it runs those of `lt-setup verify` and prints them.

            Without --yes it shows the steps and asks first; answering no (or having no \
            terminal to answer on) changes nothing and saves no session.

            \(HelpText.examples([
                "sudo lt-setup apply --answers answers.yml --dry-run    # the steps, nothing changed",
                "sudo lt-setup apply --answers answers.yml              # asks, then runs",
                "sudo lt-setup apply --answers answers.yml --yes --verbose",
                "sudo lt-setup apply --answers answers.yml --start-over # new answers, new session",
            ]))

            \(HelpText.exitStatus(
                success: "when every step is done, already done or not applicable and verification found no failure (warnings are fine)",
                failure: "when preflight, a step or verification failed, a step was interrupted, or the operator said no"))
            """
    )

    /// apply changes this server's own files: it takes no `--root`.
    @OptionGroup var answersOption: AnswersOption
    @OptionGroup var sessionOptions: SessionOptions

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @Flag(name: .long, help: "Show what would run, and change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Discard an unfinished session made for other answers (its backups are kept).")
    var startOver = false

    @Flag(name: .long, help: "Print every line the steps' programs write, not only on failure.")
    var verbose = false

    @Flag(name: .long, help: "Do not run the preflight checks first.")
    var skipPreflight = false

    @OptionGroup var preflightFlags: PreflightFlags

    func run() throws {
        let plan = try PlanInputs.plan(answersPath: answersOption.answers, root: "/")
        if dryRun {
            print(ApplyReport.dryRun(plan), terminator: "")
            return
        }
        try RootCheck.require("apply")
        let store = SessionStore(path: sessionOptions.session)
        if try followLiveRun(of: plan, store: store) { return }
        if !skipPreflight { try ApplyChecks.preflight(plan.answers, options: preflightFlags.preflightOptions) }
        try CommandOutput.orExit { try store.lock() }
        let found = try ApplySession.prepare(store: store, plan: plan, startOver: startOver)
        if !yes { try Confirmation.ask(plan: plan) }
        _ = try ApplySession.begin(found, store: store)
        try PlainRun.run(plan, store: store, verbose: verbose, source: .answersFile)
    }
}

/// `--session FILE`, shared by apply, status and undo.
struct SessionOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The session file.", valueName: "file"), transform: OperatorPath.absolute)
    var session: String = SessionStore.defaultPath
}

enum RootCheck {
    static func require(_ command: String, reason: String = "changes system files and services") throws {
        guard geteuid() == 0 else {
            CommandOutput.error("\(command) \(reason): run it as root (sudo lt-setup \(command) …).")
            throw ExitCode(1)
        }
    }
}

extension ApplyCommand {
    /// A run of the same answers is going on (its terminal dropped, say): it is followed
    /// as `attach` does, rather than refused; a runner waiting between steps is asked to run
    /// the rest. A run of other answers is refused.
    func followLiveRun(of plan: Plan, store: SessionStore) throws -> Bool {
        guard let client = try CommandOutput.orExit({ try RunnerClient.attach(store: store, locations: RunLocations()) }) else {
            return false
        }
        let session = client.follower.session
        guard session.fingerprint == plan.fingerprint else {
            client.leave()
            let runner = store.holder().map { " by runner process \($0)" } ?? ""
            CommandOutput.error("""
                a run of other answers (session \(session.id), for \(session.answers.domain)) is going on\(runner).
                Follow it with `sudo lt-setup attach`; run apply again once it has ended.
                """)
            throw ExitCode(1)
        }
        // A runner waiting between steps (a wizard runs step by step): apply runs the rest.
        let idle = client.mode == nil && !session.isComplete
        print(idle ? "Session \(session.id) is open in another lt-setup, between steps: running every step left."
                   : "This plan is running already (session \(session.id)): following it.")
        if idle { client.send(.all) }
        try PlainRun.follow(client, answers: plan.answers, verbose: verbose, source: .answersFile, requested: idle)
        return true
    }
}
