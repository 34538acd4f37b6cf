import LTSetupCore

/// Where a set of checks (preflight, verification) stands: the program runs them against
/// the real server and replies with the results.
public enum CheckRun: Equatable, Sendable {
    /// Not asked for yet.
    case idle
    /// Asked for; the results are on their way ("Checking…").
    case checking
    /// The results.
    case ready([Check])

    public var checks: [Check]? {
        if case .ready(let checks) = self { return checks }
        return nil
    }
}
