import ArgumentParser
import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// The wizard without screens, for a terminal that cannot draw them (no TTY, TERM=dumb) or
/// on request (`--plain`): the same questions line by line, each checked as it is answered,
/// then the plan and `apply`'s progress.
struct PlainWizard {
    let options: WizardOptions

    struct EndOfInput: Error {}

    func run() throws -> Int32 {
        print("lt-setup puts LibreTime behind HTTPS, as LibreTime's \"Reverse proxy\" guide describes.")
        if isatty(1) == 0 {
            // Over `ssh host lt-setup`, ssh gives no terminal unless asked.
            print("This is its line-by-line form. For the full-screen wizard, connect with ssh -t (ssh -t HOST sudo lt-setup).")
        }
        print("It needs root, and a DNS name that points to this server. Press Enter to take the [default].\n")
        let answers: Answers
        do {
            answers = try ask()
        } catch {
            CommandOutput.error("no more input: nothing was changed.")
            return 1
        }
        let plan: Plan
        do {
            plan = try PlanBuilder.build(answers, on: DiskServerFiles(root: options.root))
        } catch {
            CommandOutput.error("\(error.message)\nNothing was changed.")
            return 1
        }
        print("")
        print(ApplyReport.dryRun(plan), terminator: "")
        if options.previewOnly {
            print("This was a preview of the files under \(options.root); nothing was changed.")
            return 0
        }
        // The same checks as apply's and the full-screen wizard's, before anything changes
        // (they print what they find, and the ACME server's terms with https).
        do {
            try ApplyChecks.preflight(answers, options: PreflightOptions(source: .lineByLine))
        } catch {
            return 1
        }
        guard Confirmation.askYesNo("Apply these steps to this server now?", onTerminalOnly: false) else {
            print("Nothing was changed.")
            return 1
        }
        return try apply(plan)
    }

    /// The questions, in the wizard's order; each answer is checked at once.
    func ask() throws -> Answers {
        var raw = RawAnswers()
        raw[.proxy] = try question("Reverse proxy, nginx (recommended) or apache", default: "nginx") { AnswersValidator.proxy($0).map { $0.rawValue } }
        raw[.domain] = try question("Domain name of the station", default: nil) { AnswersValidator.domain($0) }
        raw[.backend] = try question("Where LibreTime's web server listens", default: LibreTimeBackend.suggestion(DiskServerFiles(root: options.root))) {
            AnswersValidator.backend($0).map(\.answer)
        }
        raw[.https] = try question("Get a certificate and redirect to https (yes/no)", default: "yes") { AnswersValidator.boolean(.https, $0, default: true).map { $0 ? "true" : "false" } }
        let https = raw[.https] == "true"
        if https {
            raw[.email] = try question("Email for the ACME account (the certificate authority's notices)", default: nil) { AnswersValidator.email($0, required: true).map { $0 ?? "" } }
            raw[.acmeServer] = try question("ACME server: letsencrypt, staging or an https URL", default: "letsencrypt") { AnswersValidator.acmeServer($0).map(\.answer) }
            raw[.secureIcecast] = try question("Secure the Icecast streams too (yes/no)", default: "yes") { AnswersValidator.boolean(.secureIcecast, $0, default: true).map { $0 ? "true" : "false" } }
            if raw[.secureIcecast] == "true" {
                raw[.icecastPort] = try question("Icecast TLS port", default: "8443") { AnswersValidator.icecastPort($0).map(String.init) }
            }
        } else {
            raw[.secureIcecast] = "false"
        }
        switch AnswersValidator.validate(raw) {
        case .success(let answers): return answers
        case .failure(let error):
            // Each field was checked alone; a rule across fields is reported here.
            for problem in error.problems { print("  \(problem)") }
            return try ask()
        }
    }

    /// Asks until the answer passes `check`; returns the normalised value.
    func question(_ text: String, default fallback: String?, _ check: (String) -> Result<String, FieldError>) throws -> String {
        while true {
            print(fallback.map { "\(text) [\($0)]: " } ?? "\(text): ", terminator: "")
            // Into a pipe (ssh without -t), output is buffered: the question must reach the
            // operator before lt-setup waits for the answer.
            fflush(nil)
            guard let line = readLine() else { throw EndOfInput() }
            // Answers piped in are not echoed by a terminal: show them, for a readable transcript.
            if isatty(0) == 0 { print(line) }
            let answer = line.trimmingWhitespace().isEmpty ? (fallback ?? "") : line.trimmingWhitespace()
            switch check(answer) {
            case .success(let value): return value
            case .failure(let error): print("  \(error.message)")
            }
        }
    }

    func apply(_ plan: Plan) throws -> Int32 {
        try RootCheck.require("the wizard")
        let store = SessionStore(path: options.sessionPath)
        try CommandOutput.orExit { try store.lock() }
        _ = try ApplySession.open(store: store, plan: plan, startOver: false, onTerminalOnly: false)
        do {
            try PlainRun.run(plan, store: store, verbose: false, source: .lineByLine)
        } catch let exit as ExitCode {
            return exit.rawValue
        }
        return 0
    }
}
