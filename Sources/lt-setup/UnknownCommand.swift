import ArgumentParser

/// A first word that names no command. The wizard is the default command, so without this
/// `lt-setup aply` would be parsed as the wizard's arguments and answered with the wizard's
/// usage; instead it is named, with the commands there are.
enum UnknownCommand {
    /// The wizard's options that take a value in the next argument, and argument parser's
    /// own (`--generate-completion-script bash`, which makes the package's completion): that
    /// value is not a command name (`lt-setup --root DIR`).
    static let optionsWithValue: Set<String> = ["--root", "--session", "--generate-completion-script"]

    /// The first word that is neither an option, an option's value nor a command name; nil
    /// when there is none.
    static func find(in arguments: [String], commands: [String]) -> String? {
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if argument.hasPrefix("-") {
                index += optionsWithValue.contains(argument) ? 2 : 1
                continue
            }
            return commands.contains(argument) || argument == "help" ? nil : argument
        }
        return nil
    }

    /// "lt-setup: unknown command 'aply'. Commands: wizard, plan, …".
    static func message(_ word: String, commands: [String]) -> String {
        "unknown command '\(word)'. Commands: \(commands.joined(separator: ", ")). See lt-setup --help."
    }
}
