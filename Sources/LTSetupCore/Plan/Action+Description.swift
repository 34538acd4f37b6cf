extension Action {
    /// One line for the log saying what the action does.
    public var logLine: String {
        switch self {
        case .write(let write): "write \(write.path) (\(write.change.rawValue))"
        case .assemble(let assembly): "build \(assembly.path) from \(assembly.sources.joined(separator: " + "))"
        case .remove(let path): "remove \(path) if present"
        case .symlink(let path, let target): "link \(path) -> \(target)"
        case .run(let command), .configTest(let command, _), .restart(_, let command):
            "$ " + ShellQuote.command(command.argv, environment: command.environment)
        }
    }

    /// The program the action runs, if any.
    public var command: Command? {
        switch self {
        case .run(let command), .configTest(let command, _), .restart(_, let command): command
        default: nil
        }
    }
}
