import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// The checks `apply` runs around the plan: preflight before, verification after.
enum ApplyChecks {
    /// Prints the problems preflight finds (the full list is `lt-setup preflight`'s) and
    /// stops the command when a hard check failed; then, with https, the ACME server's terms
    /// that starting the run agrees to.
    static func preflight(_ answers: Answers, options: PreflightOptions) throws {
        let checks = Preflight.run(answers, files: DiskServerFiles(), probes: SystemProbes(), options: options)
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
        let checks = verificationAfterRun(answers, root: "/", source: source)
        print("\nVerification:")
        print(CheckReport().text(checks), terminator: "")
        print(VerifyCommand.summary(checks))
        if !checks.allHardChecksPass { throw ExitCode(1) }
    }

    /// `lt-setup verify`'s checks right after a complete run, for every front end: the last
    /// steps may have restarted Icecast a moment ago, so its port is given time to settle.
    static func verificationAfterRun(_ answers: Answers, root: String, source: AnswerSource) -> [Check] {
        var probes = SystemProbes()
        probes.settle = .seconds(10)
        return Verification.run(answers, files: DiskServerFiles(root: root), probes: probes, source: source)
    }
}
