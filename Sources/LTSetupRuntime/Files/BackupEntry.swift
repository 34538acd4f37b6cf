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
