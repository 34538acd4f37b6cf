import LTSetupCore

/// One path lt-setup backed up before changing it: what it was, where its copy is, and what
/// lt-setup left there, so that undo can put it back or refuse when someone changed it since.
public struct BackupEntry: Codable, Equatable, Sendable {
    /// The absolute path on the server.
    public let path: String
    /// The step that first touched the path (a `StepID` raw value).
    public let step: String
    /// The path before lt-setup touched it.
    public let before: FileMetadata
    /// The copy of a regular file's bytes, relative to the backup folder; nil otherwise.
    public let copy: String?
    /// The path after lt-setup's last change to it; nil until `BackupStore.recordAfter`.
    public var after: FileMetadata?

    public init(path: String, step: String, before: FileMetadata, copy: String?, after: FileMetadata? = nil) {
        self.path = path
        self.step = step
        self.before = before
        self.copy = copy
        self.after = after
    }
}

/// A path `BackupStore.restoreAll` could not put back, and why.
public struct RestoreFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The entry that could not be restored.
    public let entry: BackupEntry
    /// Why, in words for the operator.
    public let error: FileOperationError

    public init(entry: BackupEntry, error: FileOperationError) {
        self.entry = entry
        self.error = error
    }

    public var description: String { error.description }
}

extension BackupEntry {
    /// Why this entry cannot be one lt-setup made for a session of these answers (a backup
    /// folder or session file changed by something else), or nil. Undo restores as root
    /// what an entry says: a path the plan never changes, a copy outside the backup folder,
    /// or a setuid, setgid or sticky mode is refused.
    public func refusal(for answers: Answers, _ changeable: ChangeablePaths) -> String? {
        guard changeable.allows(answers, path) else {
            return "it lists \(path), which lt-setup never changes for \(answers.domain)"
        }
        if let copy, copy.isEmpty || copy.contains("/") || copy == "." || copy == ".." || copy.utf8.contains(0) {
            return "its copy of \(path) is not a file of the backup folder"
        }
        for state in [before, after].compactMap({ $0 }) {
            if let mode = state.mode, mode & 0o7000 != 0 {
                return "it gives \(path) mode \(String(mode, radix: 8)) (setuid, setgid or sticky), which lt-setup never writes"
            }
        }
        return nil
    }
}

/// Which paths a session's backups may name: what undo, or a failed configuration test,
/// writes back as root.
public struct ChangeablePaths: Sendable {
    let allows: @Sendable (Answers, String) -> Bool

    /// The paths the plan changes for the session's answers (`ServerPaths.mayChange`).
    public static let plan = ChangeablePaths { answers, path in
        ServerPaths(proxy: answers.proxy, domain: answers.domain).mayChange(path)
    }

    /// Every path under `root`: for plans over a scratch folder, in the tests.
    public static func under(_ root: String) -> ChangeablePaths {
        ChangeablePaths { _, path in path.hasPrefix(root + "/") && !path.split(separator: "/").contains("..") }
    }
}
