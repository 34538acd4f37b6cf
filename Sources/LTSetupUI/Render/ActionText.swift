import LTSetupCore

/// How the preview and the log describe a plan's action: the command as a shell would read
/// it, or what happens to which file.
enum ActionText {
    static func describe(_ action: Action, _ glyphs: Glyphs) -> String {
        switch action {
        case .write(let write): "write \(write.path) (\(write.change.rawValue))"
        case .assemble(let assembly): "build \(assembly.path) from \(assembly.sources.joined(separator: " + "))"
        case .remove(let path): "remove \(path), if it is there (backed up first)"
        case .symlink(let path, let target): "link \(path) \(glyphs.arrow) \(target)"
        case .run(let command), .restart(_, let command): "$ " + shell(command)
        case .configTest(let command, _): "$ " + shell(command) + "   (if it fails, the files are put back)"
        }
    }

    static func shell(_ command: Command) -> String {
        ShellQuote.command(command.argv, environment: command.environment)
    }
}
