import ArgumentParser

@main
struct LTSetupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "lt-setup")
}
