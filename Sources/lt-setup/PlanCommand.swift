import ArgumentParser
import LTSetupCore

/// `lt-setup plan`: every step lt-setup would take, without touching anything; by default a
/// document to read (changes to existing files as diffs, secrets masked), with `--script` a
/// shell script to run by hand.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print every step lt-setup would take. Changes nothing.",
        discussion: """
            Each step shows its title, the section of LibreTime's guide it comes from and \
            the exact commands. A new file is shown in full; a change to an existing file \
            (icecast.xml, config.yml) as a unified diff. Passwords and keys are shown as \
            ******** unless --show-secrets. Steps already done on this server are shown \
            commented out; steps that do not apply say why.

            With --script the plan is a shell script to run as root or paste into a root \
            shell. It copies each path before changing it to /var/backups/lt-setup-script, \
            checks that each existing file is the one planned against (SHA-256) and \
            rewrites only its planned lines, so it prints no password either.

            \(HelpText.examples([
                "lt-setup plan --answers answers.yml",
                "lt-setup plan --answers answers.yml --script > plan.sh",
                "lt-setup plan --answers answers.yml --root /tmp/server-copy",
            ]))

            \(HelpText.exitStatus(success: "when the plan was printed",
                                  failure: "when it cannot be made for this server"))
            """
    )

    @OptionGroup var inputs: PlanInputs

    @Flag(name: .long, help: "Print a POSIX shell script to run by hand instead of a document.")
    var script = false

    @Flag(name: .long, help: "Show passwords and keys instead of ********.")
    var showSecrets = false

    func run() throws {
        let plan = try inputs.plan()
        let text = script ? PlanScript.render(plan, showSecrets: showSecrets)
            : PlanDocument.render(plan, showSecrets: showSecrets)
        print(text, terminator: "")
    }
}
