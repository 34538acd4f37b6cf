import ArgumentParser
import LTSetupCore

/// `lt-setup plan`: the whole plan as a commented shell script, without touching anything.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print every step lt-setup would take, as a commented shell script. Changes nothing.",
        discussion: """
            Each step shows its title, the section of LibreTime's guide it comes from, the \
            exact commands, and the full content of every file it writes. Steps already done \
            on this server are shown commented out; steps that do not apply say why.
            """
    )

    @OptionGroup var inputs: PlanInputs

    func run() throws {
        print(PlanScript.render(try inputs.plan()), terminator: "")
    }
}
