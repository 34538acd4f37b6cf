import LTSetupCore

/// An unfinished session found on disk when lt-setup starts, as the welcome screen shows it.
public struct ResumableSession: Equatable, Sendable {
    /// The session id, which names its log and backup folders: `20261128-164100-4242`.
    public var id: String
    /// When it started, already formatted for the operator.
    public var startedAt: String
    public var domain: String
    /// The title of the step a resume would run first, if known.
    public var nextStepTitle: String?

    public init(id: String, startedAt: String, domain: String, nextStepTitle: String?) {
        self.id = id
        self.startedAt = startedAt
        self.domain = domain
        self.nextStepTitle = nextStepTitle
    }
}

/// Where the current session keeps its step logs and its backups.
public struct SessionLocations: Equatable, Sendable {
    public var logDirectory: String
    public var backupDirectory: String

    public init(logDirectory: String, backupDirectory: String) {
        self.logDirectory = logDirectory
        self.backupDirectory = backupDirectory
    }
}

/// Everything the program knows before the first frame: the initial state is built from it.
public struct WizardSetup: Equatable, Sendable {
    public var size: Size
    public var glyphs: Glyphs
    /// An unfinished session that can be resumed, or nil for a fresh start.
    public var resumable: ResumableSession?
    /// The backend to pre-fill: LibreTime's own nginx listen port when found, else
    /// `localhost:8080`.
    public var suggestedBackend: String
    public var locations: SessionLocations
    /// Icecast's mount points (`main`, `main-low`), for the stream URLs on the last screen;
    /// empty shows the base URL.
    public var streamMounts: [String]
    /// How many lines of each step's output the state keeps; the full log is on disk.
    public var logCapacity: Int

    public init(size: Size, glyphs: Glyphs = .unicode, resumable: ResumableSession? = nil,
                suggestedBackend: String = Answers.defaultBackend.answer,
                locations: SessionLocations, streamMounts: [String] = [], logCapacity: Int = 500) {
        self.size = size
        self.glyphs = glyphs
        self.resumable = resumable
        self.suggestedBackend = suggestedBackend
        self.locations = locations
        self.streamMounts = streamMounts
        self.logCapacity = logCapacity
    }
}
