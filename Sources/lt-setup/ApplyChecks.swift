import ArgumentParser
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// The checks around the plan (`RunChecks`), printed: preflight before, verification after.
enum ApplyChecks {
    /// Prints the problems preflight finds (the full list is `lt-setup preflight`'s) and
    /// stops the command when a hard check failed; then, with https, the ACME server's terms
    /// that starting the run agrees to.
    static func preflight(_ answers: Answers, options: PreflightOptions) throws {
        let checks = RunChecks.preflight(answers, options: options)
        print("Preflight: \(CheckReport.counts(checks)).")
        print(CheckReport().text(checks, onlyProblems: true), terminator: "")
        guard checks.allHardChecksPass else {
            let ids = checks.blocking.map(\.id.rawValue).joined(separator: ", ")
            let anyway = options.source == .answersFile ? "add --skip-preflight to run anyway"
                : "run sudo lt-setup apply --answers FILE --skip-preflight with the same answers in a file to run anyway"
            CommandOutput.error("preflight found what would make the run fail (\(ids)); nothing was changed. Fix it as said above, or \(anyway).")
            throw ExitCode(1)
        }
        if answers.https { print(answers.acmeServer.agreement(terms: checks.termsOfService)) }
    }

    /// Prints every verification check after a complete run; a failed one fails the
    /// command, a warning does not.
    static func verify(_ answers: Answers, source: AnswerSource = .answersFile) throws {
        let checks = RunChecks.verificationAfterRun(answers, source: source)
        print("\nVerification:")
        print(CheckReport().text(checks), terminator: "")
        print(VerifyCommand.summary(checks))
        if !checks.allHardChecksPass { throw ExitCode(1) }
    }
}
