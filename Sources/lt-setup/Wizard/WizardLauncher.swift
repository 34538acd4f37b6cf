import LTSetupCore
import LTSetupRuntime
import LTSetupTerminal
import LTSetupUI

/// How the wizard was started.
struct WizardOptions {
    /// The folder that stands for `/` when reading the server's files; anything but "/" is a
    /// preview only.
    let root: String
    let sessionPath: String
    let forcePlain: Bool
    /// A golden scenario to replay instead of a session (`--replay-golden`, for the tests).
    var replayGolden: GoldenScenario?

    var previewOnly: Bool { root != "/" }
}

/// Starts the wizard in the form the terminal allows: screens, or line-by-line prompts.
struct WizardLauncher {
    let options: WizardOptions

    func run() throws -> Int32 {
        let capabilities = TerminalCapabilities.current()
        if let scenario = options.replayGolden {
            // A golden is a screen: there is nothing to replay line by line.
            guard !capabilities.plainMode else {
                throw ExecutionError("--replay-golden draws screens: it needs a terminal (a TTY, TERM other than dumb)")
            }
            return try WizardProgram(backend: GoldenReplay(scenario), capabilities: capabilities).run()
        }
        if options.forcePlain || capabilities.plainMode {
            return try PlainWizard(options: options).run()
        }
        return try WizardProgram(backend: try WizardSession(options: options), capabilities: capabilities).run()
    }
}
