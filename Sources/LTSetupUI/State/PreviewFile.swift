import LTSetupCore

/// What the plan does to one file.
public enum PreviewChange: Equatable, Sendable {
    case new, changed, unchanged, removed
    /// A new symbolic link to `target`.
    case link(target: String)
    /// A new file put together from `sources` when its step runs (Icecast's bundle).
    case built(sources: [String])

    /// The word shown beside the path.
    public var marker: String {
        switch self {
        case .new, .built: "new"
        case .changed: "changed"
        case .unchanged: "same"
        case .removed: "removed"
        case .link: "link"
        }
    }
}

/// One line of the preview's content pane.
public struct PreviewLine: Equatable, Sendable {
    public enum Kind: Sendable {
        /// A line of a new file's content.
        case content
        /// Diff lines against the file on disk.
        case context, added, removed, hunk
        /// lt-setup explaining, when there is no content to show.
        case note
    }

    public let text: String
    public let kind: Kind

    public init(_ text: String, _ kind: Kind) {
        self.text = text
        self.kind = kind
    }
}

/// A file the plan creates, changes or removes, with what the preview shows for it: the
/// full content of a new file, a diff against the file on disk, or a note.
public struct PreviewFile: Equatable, Sendable {
    public let path: String
    public let change: PreviewChange
    public let step: StepID
    /// `root:root 0644`, when the plan sets them.
    public let permissions: String?
    public let lines: [PreviewLine]
    /// Lines added and removed, for a changed file.
    public let added: Int
    public let removed: Int

    public init(path: String, change: PreviewChange, step: StepID, permissions: String?, lines: [PreviewLine],
                added: Int = 0, removed: Int = 0) {
        self.path = path
        self.change = change
        self.step = step
        self.permissions = permissions
        self.lines = lines
        self.added = added
        self.removed = removed
    }
}
