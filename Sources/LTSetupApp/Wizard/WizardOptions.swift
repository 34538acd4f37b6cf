/// How the wizard was started.
public struct WizardOptions: Sendable {
    /// The folder that stands for `/` when reading the server's files; anything but "/" is a
    /// preview only.
    public let root: String
    public let sessionPath: String
    public let forcePlain: Bool
    public init(root: String, sessionPath: String, forcePlain: Bool) {
        self.root = root
        self.sessionPath = sessionPath
        self.forcePlain = forcePlain
    }

    public var previewOnly: Bool { root != "/" }
}
