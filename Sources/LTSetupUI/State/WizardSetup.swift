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
    /// Another lt-setup still runs this session (its terminal hung up while a step ran): it
    /// cannot be resumed until that process ends.
    public var finishing: FinishingRun?

    public init(id: String, startedAt: String, domain: String, nextStepTitle: String?, finishing: FinishingRun? = nil) {
        self.id = id
        self.startedAt = startedAt
        self.domain = domain
        self.nextStepTitle = nextStepTitle
        self.finishing = finishing
    }
}

/// An lt-setup that still runs a session's step, seen from a new one.
public struct FinishingRun: Equatable, Sendable {
    /// Its process id; 0 when unknown.
    public var pid: Int32
    /// The step it runs, e.g. "4. Test the nginx configuration and restart nginx", if known.
    public var step: String?

    public init(pid: Int32, step: String?) {
        self.pid = pid
        self.step = step
    }
}

/// Answers given in an earlier wizard that was cut off before its run started, as the
/// welcome screen offers them.
public struct ResumableDraft: Equatable, Sendable {
    public var answers: RawAnswers
    /// The screen the operator was on.
    public var screen: WizardScreen
    /// When they were last saved, already formatted for the operator.
    public var savedAt: String

    public init(answers: RawAnswers, screen: WizardScreen, savedAt: String) {
        self.answers = answers
        self.screen = screen
        self.savedAt = savedAt
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
    /// Answers saved before a run started, when there is no unfinished session.
    public var draft: ResumableDraft?
    /// The backend to pre-fill: LibreTime's own nginx listen port when found, else
    /// `localhost:8080`.
    public var suggestedBackend: String
    public var locations: SessionLocations
    /// Icecast's mount points (`main`, `main-low`), for the stream URLs on the last screen;
    /// empty shows the base URL.
    public var streamMounts: [String]
    /// How many lines of each step's output the state keeps; the full log is on disk.
    public var logCapacity: Int
    /// The folder a `--root` preview reads its files from: nothing is saved or run.
    public var previewRoot: String?

    public init(size: Size, glyphs: Glyphs = .unicode, resumable: ResumableSession? = nil,
                draft: ResumableDraft? = nil, suggestedBackend: String = Answers.defaultBackend.answer,
                locations: SessionLocations, streamMounts: [String] = [], logCapacity: Int = 500,
                previewRoot: String? = nil) {
        self.size = size
        self.glyphs = glyphs
        self.resumable = resumable
        self.draft = resumable == nil ? draft : nil
        self.suggestedBackend = suggestedBackend
        self.locations = locations
        self.streamMounts = streamMounts
        self.logCapacity = logCapacity
        self.previewRoot = previewRoot
    }
}
