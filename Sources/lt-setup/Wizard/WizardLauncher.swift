import LTSetupCore
import LTSetupRuntime
import LTSetupTerminal

/// How the wizard was started.
struct WizardOptions {
    /// The folder that stands for `/` when reading the server's files; anything but "/" is a
    /// preview only.
    let root: String
    let sessionPath: String
    let forcePlain: Bool

    var previewOnly: Bool { root != "/" }
}

/// Starts the wizard in the form the terminal allows: screens, or line-by-line prompts.
struct WizardLauncher {
    let options: WizardOptions

    func run() throws -> Int32 {
        let capabilities = TerminalCapabilities.current()
        if options.forcePlain || capabilities.plainMode {
            return try PlainWizard(options: options).run()
        }
        return try WizardProgram(options: options, capabilities: capabilities).run()
    }
}
