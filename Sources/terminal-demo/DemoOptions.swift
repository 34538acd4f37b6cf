/// The demo's command line.
struct DemoOptions {
    /// Read `yes` through a pipe beside the keys, as the wizard reads a step's output.
    var flood = false
    /// A golden screen text file to paint instead of the demo frame.
    var showFile: String?
    /// Block the signals before starting, as some parents leave them (a test runner through
    /// tmux was seen to): the terminal layer must unblock them.
    var startBlocked = false

    static let usage = "usage: terminal-demo [--flood] [--show FILE] [--start-blocked]"

    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    init(arguments: [String]) throws {
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--flood":
                flood = true
            case "--start-blocked":
                startBlocked = true
            case "--show":
                guard let file = remaining.popFirst() else { throw UsageError(description: "--show needs a file") }
                showFile = file
            default:
                throw UsageError(description: "unknown argument \(argument)")
            }
        }
    }
}
