import Foundation

/// The list of a backup folder's entries, as stored in its `manifest.json`: it makes the
/// folder self-describing, so an operator (or a later lt-setup) can restore from it alone.
public struct BackupManifest: Codable, Equatable, Sendable {
    /// Bumped when the format changes incompatibly; older readers refuse newer manifests.
    public static let currentVersion = 1

    /// The format version this manifest was written in.
    public let version: Int
    /// Every backed-up path, in order of first backup.
    public let entries: [BackupEntry]

    public init(entries: [BackupEntry], version: Int = BackupManifest.currentVersion) {
        self.version = version
        self.entries = entries
    }

    /// Pretty, key-sorted JSON, so it reads well and diffs cleanly.
    public func encoded(for path: String) throws(FileOperationError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self)) + [UInt8(ascii: "\n")]
        } catch {
            throw .manifest(path: path, reason: "\(error)")
        }
    }

    /// The manifest in `bytes`, read from `path` (named in errors).
    public static func decode(_ bytes: [UInt8], from path: String) throws(FileOperationError) -> BackupManifest {
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: Data(bytes))
        } catch {
            throw .manifest(path: path, reason: "not a valid manifest (\(error))")
        }
        guard manifest.version <= currentVersion else {
            throw .manifest(path: path, reason: "written by a newer lt-setup (format \(manifest.version)): use that version")
        }
        return manifest
    }
}
