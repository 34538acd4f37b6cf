/// What is at one path on the server.
public enum FileState: Sendable, Equatable {
    case missing
    case file(String)
    case symlink(target: String)
    case directory
    /// Present but not readable as text (binary, unreadable): its content is never guessed.
    case unreadable(reason: String)

    public var exists: Bool { self != .missing }

    /// The text of a regular file, or nil.
    public var text: String? {
        if case .file(let text) = self { return text }
        return nil
    }
}

/// A read-only view of the server's files, by absolute path.
///
/// The plan builder sees the server only through this, so it stays pure: the runtime gives
/// it the real disk (optionally under another root), tests give it a dictionary.
public protocol ServerFiles: Sendable {
    func state(of path: String) -> FileState
}

/// An in-memory server, for tests and for planning against files the operator supplies.
public struct InMemoryServerFiles: ServerFiles {
    public var files: [String: FileState]

    public init(_ files: [String: FileState] = [:]) {
        self.files = files
    }

    public func state(of path: String) -> FileState {
        files[path] ?? .missing
    }
}
