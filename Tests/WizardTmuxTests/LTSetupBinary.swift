import Glibc
import TmuxTestSupport

/// The `lt-setup` binary that `swift build` put beside this test bundle, and how the tests
/// start it under tmux.
enum LTSetupBinary {
    static let repository = BuiltProduct.repository

    /// `LT_SETUP_BINARY`, else `lt-setup` beside the running test binary, else the default debug build.
    static let path = BuiltProduct.path("lt-setup", override: "LT_SETUP_BINARY")

    /// `wizard-replay`, the test program that replays a golden scenario through the wizard's
    /// own loop, terminal and painter.
    static let replayPath = BuiltProduct.path("wizard-replay", override: "LT_SETUP_REPLAY_BINARY")

    /// `lt-setup ARGUMENTS` alone in the pane: the pane dies with its status.
    static func command(_ arguments: [String]) -> String {
        "exec " + ([path] + arguments).map(TmuxSession.quote).joined(separator: " ")
    }

    /// `wizard-replay NAME` alone in the pane.
    static func replayCommand(_ name: String) -> String {
        "exec " + [replayPath, name].map(TmuxSession.quote).joined(separator: " ")
    }

    /// A golden file's text, from `screens/`.
    static func golden(_ fileName: String) -> String? {
        readWholeFile(repository + "/screens/" + fileName)
    }

    /// The names of the files in `screens/` ending in `.txt`.
    static func goldenFileNames() -> [String] {
        guard let folder = opendir(repository + "/screens") else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".txt") { names.append(name) }
        }
        return names.sorted()
    }
}
