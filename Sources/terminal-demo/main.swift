// terminal-demo: exercises LTSetupTerminal under tmux (tests) and for benchmarks.
//
//   terminal-demo             a framed screen showing the last key, the size and a counter
//   terminal-demo --flood     the same, while reading `yes` through a pipe in the same poll loop
//   terminal-demo --show FILE paints FILE (a golden screen text) and waits
//   --start-blocked           starts with INT, TERM, HUP, QUIT and WINCH blocked
//
// Keys: q quits (status 0); X calls exit(3) without stopping the screen (the atexit path);
// T throws an error out of the loop (the error path); C traps (the crash path).
// SIGINT, SIGTERM, SIGHUP, SIGQUIT restore the terminal and exit with 128 + the signal.
import Glibc
import LTSetupTerminal
import LTSetupUI

let options: DemoOptions
do {
    options = try DemoOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("terminal-demo: \(error)\n\(DemoOptions.usage)")
    exit(64)
}

let capabilities = TerminalCapabilities.current()
if let reason = capabilities.plainReason {
    print("terminal-demo: plain mode: \(reason)")
    exit(2)
}

if options.startBlocked {
    var blocked = sigset_t()
    sigemptyset(&blocked)
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH] { sigaddset(&blocked, signal) }
    sigprocmask(SIG_BLOCK, &blocked, nil)
}

let terminal = TerminalScreen(capabilities: capabilities)
do {
    try terminal.start()
    let restorer = try TerminalRestorer(screen: terminal)
    let status = try DemoLoop(terminal: terminal, restorer: restorer, options: options).run()
    terminal.stop()
    exit(status)
} catch {
    // The restore comes first, so that the message lands on the operator's normal screen.
    terminal.stop()
    printError("terminal-demo: \(error)")
    exit(1)
}

/// Writes a line to standard error (Glibc's `stderr` is not importable under Swift 6).
func printError(_ text: String) {
    let line = Array((text + "\n").utf8)
    _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
}
