import LTSetupCore

/// The seven screens of the wizard, in the order the operator meets them.
public enum WizardScreen: Int, CaseIterable, Sendable {
    case welcome = 1, proxy, details, preflight, preview, run, done

    /// The screen's name in the title bar.
    public var title: String {
        switch self {
        case .welcome: "Welcome"
        case .proxy: "Proxy"
        case .details: "Details"
        case .preflight: "Preflight"
        case .preview: "Preview"
        case .run: "Run"
        case .done: "Done"
        }
    }

    /// `2/7 Proxy`: where the operator is in the wizard.
    public var progress: String { "\(rawValue)/\(Self.allCases.count) \(title)" }

    /// The screen's name in saved answers (`details`), read back by `init(savedName:)`.
    public var savedName: String { title.lowercased() }

    /// The screen a saved name stands for, or nil for a name no screen has.
    public init?(savedName: String) {
        guard let screen = Self.allCases.first(where: { $0.savedName == savedName }) else { return nil }
        self = screen
    }
}

/// A box drawn over the current screen that takes the keys until it closes.
public enum Overlay: Equatable, Sendable {
    /// The current screen's keys and what it is for.
    case help
    /// `q` while a step runs: quitting stops it.
    case quitConfirm
    /// Skipping a step, which later steps may need.
    case skipConfirm(StepID)
    /// Stopping the running step's program.
    case abortConfirm
    /// Going on to the preview although a hard preflight check failed.
    case goOnConfirm
}
