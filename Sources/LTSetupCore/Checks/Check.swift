/// What one check found: it passed, it found something to look at, or it failed. A warning
/// and a failure say what to do.
public enum CheckResult: Sendable, Equatable {
    /// Fine; `seen` is what was observed, for the operator's record.
    case passed(seen: String)
    /// Not blocking, but worth acting on.
    case warning(seen: String, fix: String)
    /// Wrong. It blocks the run when the check is hard; a soft check never fails (see
    /// `Check.init`).
    case failed(seen: String, fix: String)

    /// What the check observed.
    public var seen: String {
        switch self {
        case .passed(let seen), .warning(let seen, _), .failed(let seen, _): seen
        }
    }

    /// What to do, for a warning or a failure.
    public var fix: String? {
        switch self {
        case .passed: nil
        case .warning(_, let fix), .failed(_, let fix): fix
        }
    }

    public var isPassed: Bool {
        if case .passed = self { return true }
        return false
    }

    public var isWarning: Bool {
        if case .warning = self { return true }
        return false
    }

    public var isFailed: Bool {
        if case .failed = self { return true }
        return false
    }
}

/// Whether a failed check stops the run.
public enum CheckSeverity: String, Sendable, Equatable {
    /// A failure blocks: `apply` stops, the command exits non-zero.
    case hard
    /// Advice: the worst it reports is a warning.
    case soft
}

/// One check as the operator sees it: what was checked, how much it matters, and what it found.
public struct Check: Sendable, Equatable, Identifiable {
    public let id: CheckID
    public let title: String
    public let severity: CheckSeverity
    public let result: CheckResult
    /// The terms-of-service address the ACME server check read from the server's directory.
    public var termsOfService: String?

    /// A soft check's failure is recorded as a warning, so that only hard checks ever fail.
    public init(_ id: CheckID, _ title: String, _ severity: CheckSeverity, _ result: CheckResult) {
        self.id = id
        self.title = title
        self.severity = severity
        if severity == .soft, case .failed(let seen, let fix) = result {
            self.result = .warning(seen: seen, fix: fix)
        } else {
            self.result = result
        }
    }

    /// True for a failed hard check.
    public var blocks: Bool { severity == .hard && result.isFailed }
}

extension Array where Element == Check {
    /// The failed hard checks: when there are none, the run may go on.
    public var blocking: [Check] { filter(\.blocks) }

    public var warnings: [Check] { filter { $0.result.isWarning } }

    /// True when no hard check failed.
    public var allHardChecksPass: Bool { blocking.isEmpty }

    /// The ACME server's terms of service, as its directory names them: certbot's
    /// `--agree-tos` agrees to them when the run starts. Nil when preflight could not read
    /// them.
    public var termsOfService: String? {
        guard let check = first(where: { $0.id == .acmeServer }) else { return nil }
        return check.termsOfService
    }
}
