/// The two views of the preview screen.
public enum PreviewTab: CaseIterable, Sendable {
    case files, steps
}

/// The preview screen: which tab, which file or step is selected, how far the content
/// pane is scrolled.
public struct PreviewState: Equatable, Sendable {
    public var tab: PreviewTab
    public var files: [PreviewFile]
    public var selectedFile: Int
    /// The first line of the selected file's content on screen.
    public var contentScroll: Int
    public var selectedStep: Int

    public init(files: [PreviewFile] = []) {
        tab = .files
        self.files = files
        selectedFile = 0
        contentScroll = 0
        selectedStep = 0
    }

    public var file: PreviewFile? { files.indices.contains(selectedFile) ? files[selectedFile] : nil }
}
