import LTSetupCore

/// Where making the plan stands: the plan is made outside, from the real disk.
public enum Planning: Equatable, Sendable {
    case idle
    /// The program was asked to build it; `.planReady` or `.planFailed` comes back.
    case building
    /// It could not be made; the message says why.
    case failed(String)
}

/// The whole wizard: every screen is drawn from this value alone, and only `Wizard.update`
/// changes it.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var glyphs: Glyphs
    public var screen: WizardScreen
    public var overlay: Overlay?
    /// The clock, in seconds since lt-setup started, as the last `.tick` said.
    public var now: Double

    /// The unfinished session the welcome screen offers to resume.
    public var resumable: ResumableSession?
    /// The answers of a wizard cut off before its run, which the welcome screen offers.
    public var draft: ResumableDraft?
    /// The highlighted choice of a list screen (welcome's resume choices, the proxies).
    public var welcomeChoice: Int
    public var proxy: Proxy
    public var details: DetailsForm
    public var planning: Planning
    public var plan: Plan?
    /// The preflight checks for the plan's answers, shown before the preview.
    public var preflight: CheckRun
    /// The operator confirmed going on although a hard check failed (as `apply
    /// --skip-preflight` would); cleared when the checks run again.
    public var preflightOverridden: Bool
    /// The folder a `--root` preview reads its files from: nothing is saved or run.
    public let previewRoot: String?
    /// The first line of the preflight list on screen.
    public var preflightScroll: Int
    public var preview: PreviewState
    public var run: RunState
    /// The verification after a complete run, shown on the done screen.
    public var verification: CheckRun
    /// The first line of the done screen on screen.
    public var doneScroll: Int

    public var locations: SessionLocations
    public var streamMounts: [String]
    /// The answers last sent to the session file, so each change is saved once.
    public var savedAnswers: RawAnswers?
    /// The screen last saved with them: the place a resume comes back to.
    public var savedScreen: WizardScreen?
    /// A problem the operator should know of that does not stop the wizard (the session
    /// file could not be written).
    public var notice: String?
    /// The program was asked to quit.
    public var quitRequested: Bool

    /// The first frame's state: the welcome screen, with the resume choices when an
    /// unfinished session exists, and the details form pre-filled with the suggested backend.
    public init(_ setup: WizardSetup) {
        size = setup.size
        glyphs = setup.glyphs
        screen = .welcome
        overlay = nil
        now = 0
        resumable = setup.resumable
        draft = setup.draft
        welcomeChoice = 0
        proxy = .nginx
        details = DetailsForm(suggestedBackend: setup.suggestedBackend)
        planning = .idle
        plan = nil
        preflight = .idle
        preflightOverridden = false
        previewRoot = setup.previewRoot
        preflightScroll = 0
        preview = PreviewState()
        run = RunState(plan: nil, logCapacity: setup.logCapacity)
        verification = .idle
        doneScroll = 0
        locations = setup.locations
        streamMounts = setup.streamMounts
        savedAnswers = nil
        savedScreen = nil
        notice = nil
        quitRequested = false
    }

    /// Whether the terminal is too small to draw the wizard.
    public var isTooSmall: Bool {
        size.columns < Size.minimum.columns || size.rows < Size.minimum.rows
    }

    /// Keys go into a text field: printable characters are text, so `q` and `?` are too.
    public var isEditingText: Bool {
        screen == .details && overlay == nil && planning != .building && details.focus.kind == .text
    }

    /// The preview may go on from the preflight screen: no hard check failed, or the
    /// operator chose to go on anyway, or this is a `--root` preview, which runs nothing.
    public var mayLeavePreflight: Bool {
        guard let checks = preflight.checks else { return false }
        return checks.allHardChecksPass || preflightOverridden || previewRoot != nil
    }

    /// The answers as they stand, in the answers file's form.
    public var rawAnswers: RawAnswers { details.raw(proxy: proxy) }
}
