import LTSetupCore
import LTSetupRuntime

/// The checks around a run, one policy for every front end (the wizard, its line-by-line
/// form, `apply`): `lt-setup preflight`'s before it, `lt-setup verify`'s after it.
public enum RunChecks {
    /// The preflight against the server's files under `root` (a `--root` preview reads a
    /// copy) and this machine's probes.
    public static func preflight(_ answers: Answers, root: String = "/", options: PreflightOptions) -> [Check] {
        Preflight.run(answers, files: DiskServerFiles(root: root), probes: SystemProbes(), options: options)
    }

    /// The verification right after a complete run: the last steps may have restarted
    /// Icecast a moment ago, so its port is given ten seconds to settle.
    public static func verificationAfterRun(_ answers: Answers, root: String = "/", source: AnswerSource) -> [Check] {
        var probes = SystemProbes()
        probes.settle = .seconds(10)
        return Verification.run(answers, files: DiskServerFiles(root: root), probes: probes, source: source)
    }
}
