/// The server's files as the plan builder reads them, noting each path that could not be
/// read: a plan made without a file's content would treat it as missing, and plan
/// differently (an Icecast that is "not installed", a LibreTime with "no config.yml").
///
/// A class so that the copies the builder holds share one record; used by one builder on
/// one thread, for the length of one build.
final class WatchedServerFiles: ServerFiles, @unchecked Sendable {
    let files: ServerFiles
    /// The first unreadable path met, with why.
    private(set) var firstUnreadable: (path: String, reason: String)?

    init(_ files: ServerFiles) {
        self.files = files
    }

    func state(of path: String) -> FileState {
        let state = files.state(of: path)
        if case .unreadable(let reason) = state, firstUnreadable == nil {
            firstUnreadable = (path, reason)
        }
        return state
    }
}

extension PlanError {
    /// A file the plan needs could not be read: no plan is made rather than a wrong one.
    public static func unreadable(_ path: String, reason: String) -> PlanError {
        let advice = reason == "Permission denied"
            ? "run with sudo"
            : "lt-setup reads it to plan; fix it or move it away, then run lt-setup again"
        return PlanError("cannot read \(path) (\(reason)): \(advice)")
    }
}
