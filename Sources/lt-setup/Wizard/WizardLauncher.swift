import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import LTSetupTerminal
import LTSetupUI

/// Starts the wizard in the form the terminal allows: screens, or line-by-line prompts.
struct WizardLauncher {
    let options: WizardOptions

    func run() throws -> Int32 {
        let capabilities = TerminalCapabilities.current()
        if options.forcePlain || capabilities.plainMode {
            return try PlainWizard(options: options).run()
        }
        return try WizardLoop(backend: try WizardSession(options: options), terminal: CursesTerminal(capabilities: capabilities)).run()
    }
}
