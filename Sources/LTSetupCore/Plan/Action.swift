/// Owner, group and mode of a file the plan creates.
public struct FilePermissions: Sendable, Equatable, Codable {
    public let owner: String
    public let group: String
    public let mode: UInt16

    public init(owner: String = "root", group: String = "root", mode: UInt16 = 0o644) {
        self.owner = owner
        self.group = group
        self.mode = mode
    }

    /// `root:root 0644`, for config files that hold no secret.
    public static let config = FilePermissions()
    /// `root:root 0755`, for scripts.
    public static let executable = FilePermissions(mode: 0o755)

    /// The mode as four octal digits, e.g. `0640`.
    public var octalMode: String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// A file the plan writes, with the exact content it gets.
public struct FileWrite: Sendable, Equatable {
    public let path: String
    public let content: String
    /// Owner, group and mode; nil keeps those of the file being replaced (icecast.xml and
    /// config.yml hold passwords, and their packages chose who may read them).
    public let permissions: FilePermissions?
    /// What was on disk when the plan was made: the preview diffs against it.
    public let previous: FileState

    public init(path: String, content: String, permissions: FilePermissions?, previous: FileState) {
        self.path = path
        self.content = content
        self.permissions = permissions
        self.previous = previous
    }

    public var change: FileChange {
        switch previous {
        case .missing: .new
        case .file(let text) where text == content: .unchanged
        default: .changed
        }
    }
}

/// How a planned file differs from what is on disk.
public enum FileChange: String, Sendable, Equatable {
    case new, changed, unchanged, removed
}

/// A program the plan runs, by argv: it is never given to a shell.
public struct Command: Sendable, Equatable {
    public let argv: [String]
    /// Added to the environment lt-setup itself runs in (which is passed through, so that
    /// e.g. `REQUESTS_CA_BUNDLE` reaches certbot).
    public let environment: [String: String]
    public let timeoutSeconds: Int
    /// Paths the program may create, change or remove (a2enmod's links, say), so that the
    /// runtime can back them up first and undo can restore them.
    public let touches: [String]
    /// The program writes straight into its step's log file rather than into a pipe that
    /// lt-setup reads: for programs that must finish even if lt-setup dies (dpkg, which a
    /// broken pipe would cut off mid-way), and for those that start servers, which keep the
    /// output they inherited and would die writing to a closed pipe (Icecast does).
    public let outputInLog: Bool
    /// The services the program restarts itself (the renewal hook restarts Icecast), so that
    /// the operator is told before the run what goes off the air.
    public let restarts: [String]

    public init(_ argv: [String], environment: [String: String] = [:], timeoutSeconds: Int = 120,
                touches: [String] = [], outputInLog: Bool = false, restarts: [String] = []) {
        self.argv = argv
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
        self.touches = touches
        self.outputInLog = outputInLog
        self.restarts = restarts
    }
}

/// A file built at run time from other files, such as Icecast's bundle (fullchain then
/// private key). It holds a private key, so it is created with its final, restrictive mode.
public struct FileAssembly: Sendable, Equatable {
    public let path: String
    public let sources: [String]
    public let permissions: FilePermissions

    public init(path: String, sources: [String], permissions: FilePermissions) {
        self.path = path
        self.sources = sources
        self.permissions = permissions
    }
}

/// One concrete thing a step does to the server.
public enum Action: Sendable, Equatable {
    case write(FileWrite)
    case assemble(FileAssembly)
    /// Removes a file or symlink if it is there (backed up first).
    case remove(path: String)
    /// Creates a symlink at `path` pointing to `target`.
    case symlink(path: String, target: String)
    case run(Command)
    /// Tests the configuration; if it fails, the files changed by `restoring` are put back
    /// and the step fails with the test's own output.
    case configTest(Command, restoring: [StepID])
    case restart(service: String, command: Command)

    /// The paths this action may create, change or remove.
    public var changedPaths: [String] {
        switch self {
        case .write(let write): [write.path]
        case .assemble(let assembly): [assembly.path]
        case .remove(let path), .symlink(let path, _): [path]
        case .run(let command), .configTest(let command, _), .restart(_, let command): command.touches
        }
    }

    /// The file this action writes, if any.
    public var writtenFile: FileWrite? {
        if case .write(let write) = self { return write }
        return nil
    }
}
