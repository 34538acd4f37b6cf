import Foundation
import LTSetupCore

/// An `InMemoryServerFiles` written to a fresh temporary folder, so that the real binary
/// (`lt-setup --root FOLDER`, which reads through `DiskServerFiles(root:)`) sees the same
/// server the golden scenarios plan against: files with their text, symlinks with their
/// target exactly as given (an absolute target is read under the root, as on the server),
/// directories. Parent folders are created as needed. `remove()` (or `deinit`) deletes it.
final class FixtureServer {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    /// The folder that stands for the server's `/`.
    let root: String
    /// A folder beside it for the session file and anything else a test needs.
    let scratch: String
    private let base: String

    init(_ server: InMemoryServerFiles) throws {
        var template = Array("/tmp/lt-setup-fixture.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw Unsupported(description: "mkdtemp failed: \(errno)") }
        base = String(cString: made)
        root = base + "/root"
        scratch = base + "/scratch"
        let manager = FileManager.default
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        try manager.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        for (path, state) in server.files.sorted(by: { $0.key < $1.key }) {
            let location = root + path
            let parent = (location as NSString).deletingLastPathComponent
            try manager.createDirectory(atPath: parent, withIntermediateDirectories: true)
            switch state {
            case .file(let text):
                guard manager.createFile(atPath: location, contents: Data(text.utf8)) else {
                    throw Unsupported(description: "cannot write \(location)")
                }
            case .symlink(let target):
                try manager.createSymbolicLink(atPath: location, withDestinationPath: target)
            case .directory:
                try manager.createDirectory(atPath: location, withIntermediateDirectories: true)
            case .missing:
                continue
            case .unreadable(let reason):
                throw Unsupported(description: "\(path) is unreadable (\(reason)) in memory: nothing to write")
            }
        }
    }

    deinit { remove() }

    /// The session file the binary is started with (`--session`).
    var sessionPath: String { scratch + "/session.json" }

    /// Every entry under `folder`, with its type and, for files, contents, and for links,
    /// target: to show that a run changed nothing.
    static func listing(_ folder: String) -> [String] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else { return [] }
        var entries: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = folder + "/" + relative
            if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
                entries.append("link \(relative) -> \(target)")
            } else if let data = manager.contents(atPath: path) {
                entries.append("file \(relative):\n\(String(decoding: data, as: UTF8.self))")
            } else {
                entries.append("dir \(relative)")
            }
        }
        return entries.sorted()
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: base)
    }
}
