import GoldenScenarios
import Glibc
import LTSetupApp
import LTSetupTerminal
import LTSetupUI

// `wizard-replay NAME`: the wizard's own loop, terminal, key reading and painter, with a
// golden scenario's reports in place of a session, a run and a clock (`GoldenReplay`), so
// that the tmux tests can compare the real thing with `screens/NAME.txt` where a real run's
// output and times would differ every time. A test program: it is not in the .deb.

func fail(_ message: String, status: Int32) -> Never {
    let bytes = Array("wizard-replay: \(message)\n".utf8)
    _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(status)
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, let name = arguments.first else {
    fail("usage: wizard-replay NAME (a golden screen of screens/)", status: 64)
}
guard let scenario = GoldenScenarios.named(name) else {
    let names = GoldenScenarios.all.map(\.name).joined(separator: ", ")
    fail("no golden screen is named \(name); there are: \(names)", status: 64)
}
let capabilities = TerminalCapabilities.current()
// A golden is a screen: there is nothing to replay line by line.
guard !capabilities.plainMode else {
    fail("a golden is drawn on screens: it needs a terminal (a TTY, TERM other than dumb)", status: 1)
}
do {
    exit(try WizardLoop(backend: GoldenReplay(scenario), terminal: CursesTerminal(capabilities: capabilities)).run())
} catch {
    fail("\(error)", status: 1)
}
