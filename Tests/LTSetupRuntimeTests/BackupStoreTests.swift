import Foundation
import Glibc
import LTSetupCore
import Testing
@testable import LTSetupRuntime

/// BackupStore and FileMetadata against real files, as root.
@Suite struct BackupStoreTests {
    let admGID: gid_t = 4

    func store(in scratch: Scratch) throws -> BackupStore {
        try BackupStore(directory: scratch.path("var/lib/lt-setup/backups/session-1/"))
    }

    // MARK: metadata

    @Test func metadataDescribesFilesLinksFoldersAndMissingPathsWithoutFollowingLinks() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("icecast.xml", "<icecast/>", mode: 0o640, gid: admGID)
        let link = scratch.path("link")
        symlink("icecast.xml", link)
        #expect(try FileMetadata.read(file) == FileMetadata(
            kind: .file, owner: "root", group: "adm", uid: 0, gid: 4, mode: 0o640, size: 10,
            sha256: SHA256.hex(Array("<icecast/>".utf8))))
        #expect(try FileMetadata.read(link) == FileMetadata(kind: .symlink, target: "icecast.xml"))
        #expect(try FileMetadata.read(scratch.root).kind == .directory)
        #expect(try FileMetadata.read(scratch.path("nothing")) == .missing)
        #expect(try FileMetadata.read(file + "/below-a-file") == .missing)
        #expect(throws: FileOperationError.unsupportedFileType(scratch.path("fifo"))) {
            mkfifo(scratch.path("fifo"), 0o600)
            return try FileMetadata.read(scratch.path("fifo"))
        }
    }

    // MARK: the folder and its copies

    @Test func theBackupFolderIsPrivateAndCopiesAre0600WithReadableNames() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("site.conf", "server {}\n")
        var store = try store(in: scratch)
        #expect(store.directory == scratch.path("var/lib/lt-setup/backups/session-1"))
        #expect(permissionBits(store.directory) == 0o700)
        #expect(permissionBits(scratch.path("var/lib/lt-setup")) == 0o700)
        let entry = try store.backUp(file, step: "site-file")
        let copy = try #require(store.copyLocation(of: entry))
        #expect(entry.copy == "001-" + String(file.dropFirst()).replacingOccurrences(of: "/", with: "_"))
        #expect(permissionBits(copy) == 0o600)
        #expect(text(copy) == "server {}\n")
        #expect(scratch.names(in: store.directory) == [entry.copy, "manifest.json"].compactMap { $0 })
    }

    @Test func theManifestIsWrittenOnEveryChangeAndDecodesToTheSameEntries() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("config.yml", "a: 1\n", mode: 0o640, gid: admGID)
        var store = try store(in: scratch)
        let manifest = store.directory + "/manifest.json"
        #expect(try decoded(manifest) == BackupManifest(entries: []))
        try store.backUp(file, step: "libretime-config")
        try store.backUp(scratch.path("new.conf"), step: "site-file")
        #expect(try decoded(manifest).entries == store.entries)
        try AtomicFile.write(Array("a: 2\n".utf8), to: file, permissions: nil)
        try store.recordAfter(file)
        #expect(try decoded(manifest).entries == store.entries)
        #expect(store.entries[0].after?.sha256 == SHA256.hex(Array("a: 2\n".utf8)))
        #expect(permissionBits(manifest) == 0o600)
        #expect(try BackupStore.load(directory: store.directory).entries == store.entries)
        #expect(scratch.temporaries(in: store.directory).isEmpty)
    }

    @Test func reopeningAFolderTrustsItsManifestAndNeverOverwritesABrokenOne() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("site.conf", "v0\n")
        var store = try store(in: scratch)
        try store.backUp(file, step: "site-file")
        // A crash before the caller saved its session: the folder still knows the backup.
        var reopened = try BackupStore(directory: store.directory)
        #expect(reopened.entries == store.entries)
        try AtomicFile.write(Array("v1\n".utf8), to: file, permissions: nil)
        #expect(try reopened.backUp(file, step: "site-file").before.sha256 == SHA256.hex(Array("v0\n".utf8)))

        let manifest = store.directory + "/manifest.json"
        try AtomicFile.write(Array("{not json".utf8), to: manifest, ownership: .privateToProcess)
        #expect(throws: FileOperationError.self) { try BackupStore(directory: store.directory) }
        #expect(text(manifest) == "{not json")
        #expect(throws: FileOperationError.self) { try BackupStore.load(directory: scratch.path("elsewhere")) }
    }

    // MARK: round trips

    @Test func aRegularFileComesBackWithItsContentOwnerGroupModeAndChecksum() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("icecast.xml", "<old/>", mode: 0o640, gid: admGID)
        var store = try store(in: scratch)
        let entry = try store.backUp(file, step: "icecast-tls")
        try AtomicFile.write(Array("<new/>".utf8), to: file, permissions: .config)
        try store.restore(entry)
        let info = try #require(status(file))
        #expect(text(file) == "<old/>")
        #expect(info.st_uid == 0 && info.st_gid == admGID && info.st_mode & 0o7777 == 0o640)
        #expect(try FileMetadata.read(file) == entry.before)
    }

    @Test func aSymlinkComesBackWithItsTarget() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let link = scratch.path("enabled.conf")
        symlink("../available/old.conf", link)
        var store = try store(in: scratch)
        let entry = try store.backUp(link, step: "enable-site")
        #expect(entry.copy == nil)
        try AtomicFile.symlink(target: "../available/new.conf", at: link)
        try store.restore(entry)
        #expect(linkTarget(link) == "../available/old.conf")
        try AtomicFile.write(Array("a file now".utf8), to: link, permissions: .config)
        try store.restore(entry)
        #expect(linkTarget(link) == "../available/old.conf")
    }

    @Test func aPathThatWasMissingIsRemovedAgain() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("renewal-hook.sh")
        var store = try store(in: scratch)
        let entry = try store.backUp(path, step: "renewal-hook")
        #expect(entry.before == .missing && entry.copy == nil)
        try AtomicFile.write(Array("#!/bin/sh\n".utf8), to: path, permissions: .executable)
        try store.restore(entry)
        #expect(status(path) == nil)
        try store.restore(entry)
    }

    @Test func backingUpAPathTwiceKeepsTheFirstBackup() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("config.yml", "original\n")
        var store = try store(in: scratch)
        let first = try store.backUp(file, step: "libretime-config")
        try AtomicFile.write(Array("changed once\n".utf8), to: file, permissions: nil)
        let second = try store.backUp(file, step: "renewal-hook")
        #expect(second == first)
        #expect(store.entries == [first])
        #expect(text(try #require(store.copyLocation(of: first))) == "original\n")
    }

    @Test func restoreAllUndoesInReverseOrderAndCarriesOnPastFailures() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let site = scratch.make("site.conf", "site v0\n")
        let config = scratch.make("config.yml", "config v0\n", mode: 0o640, gid: admGID)
        let hook = scratch.path("hook.sh")
        var store = try store(in: scratch)
        // Step one changes the site file and the config; step two changes the config again
        // and creates the hook.
        try store.backUp(site, step: "one")
        try store.backUp(config, step: "one")
        try AtomicFile.write(Array("site v1\n".utf8), to: site, permissions: nil)
        try AtomicFile.write(Array("config v1\n".utf8), to: config, permissions: nil)
        try store.backUp(config, step: "two")
        try store.backUp(hook, step: "two")
        try AtomicFile.write(Array("config v2\n".utf8), to: config, permissions: .config)
        try AtomicFile.write(Array("hook\n".utf8), to: hook, permissions: .executable)
        // A damaged copy cannot be restored; the others must still be.
        try AtomicFile.write(Array("tampered".utf8), to: try #require(store.copyLocation(of: store.entries[0])),
                             ownership: .privateToProcess)
        let failures = store.restoreAll(store.entries)
        #expect(failures.map(\.entry.path) == [site])
        #expect(failures.first?.error == .backupDamaged(path: site, copy: store.copyLocation(of: store.entries[0]) ?? ""))
        #expect(text(site) == "site v1\n", "left as it was, not half-restored")
        #expect(text(config) == "config v0\n" && permissionBits(config) == 0o640 && status(config)?.st_gid == admGID)
        #expect(status(hook) == nil)
    }

    @Test func failuresAreReportedLastEntryFirst() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = scratch.path("first")
        let second = scratch.path("second")
        var store = try store(in: scratch)
        try store.backUp(first, step: "one")
        try store.backUp(second, step: "two")
        mkdir(first, 0o755)
        mkdir(second, 0o755)
        let failures = store.restoreAll(store.entries)
        #expect(failures.map(\.error) == [.isDirectory(second), .isDirectory(first)])
    }

    // MARK: changedSince

    @Test func changedSinceSeesContentModeOwnerAndLinkChangesAndNothingElse() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("icecast.xml", "<old/>", mode: 0o640)
        let link = scratch.path("enabled.conf")
        var store = try store(in: scratch)
        let neverRecorded = try store.backUp(file, step: "icecast-tls")
        #expect(!store.changedSince(neverRecorded), "as it was before (a write that never happened): nothing to lose")
        try AtomicFile.write(Array("<other/>".utf8), to: file, permissions: nil)
        #expect(store.changedSince(neverRecorded), "no after state and not as before: assume changed")
        try AtomicFile.write(Array("<old/>".utf8), to: file, permissions: nil)
        try store.backUp(link, step: "enable-site")
        try AtomicFile.write(Array("<new/>".utf8), to: file, permissions: nil)
        try AtomicFile.symlink(target: "a.conf", at: link)
        let fileEntry = try store.recordAfter(file)
        let linkEntry = try store.recordAfter(link)
        #expect(!store.changedSince(fileEntry) && !store.changedSince(linkEntry))
        try AtomicFile.write(Array("<new/>".utf8), to: file, permissions: nil)
        #expect(!store.changedSince(fileEntry), "same content rewritten is not a change")

        chmod(file, 0o644)
        #expect(store.changedSince(fileEntry))
        chmod(file, 0o640)
        chown(file, 0, admGID)
        #expect(store.changedSince(fileEntry))
        chown(file, 0, 0)
        try AtomicFile.write(Array("<edited/>".utf8), to: file, permissions: nil)
        #expect(store.changedSince(fileEntry))
        #expect(try FileMetadata.read(file).differences(from: try #require(fileEntry.after)) == ["content"])

        try AtomicFile.symlink(target: "b.conf", at: link)
        #expect(store.changedSince(linkEntry))
        try AtomicFile.remove(link)
        #expect(!store.changedSince(linkEntry), "missing again, as before: nothing to lose")
        #expect(store.isAsBefore(linkEntry))
    }

    /// A step that failed puts its files back itself: undo then finds them as they were, not
    /// changed by someone else, and has nothing to do.
    @Test func aFileAlreadyPutBackIsNeitherAConflictNorWorkForUndo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("config.yml", "public_url: http://a\n", mode: 0o640)
        var store = try store(in: scratch)
        try store.backUp(file, step: "libretime-urls")
        try AtomicFile.write(Array("public_url: https://a\n".utf8), to: file, permissions: nil)
        let entry = try store.recordAfter(file)
        #expect(!store.isAsBefore(entry))
        try store.restore(entry)
        #expect(store.isAsBefore(entry))
        #expect(!store.changedSince(entry))
    }

    @Test func recordAfterAndRestoreRefuseWhatWasNeverBackedUpOrIsDamaged() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("config.yml", "original\n")
        var store = try store(in: scratch)
        #expect(throws: FileOperationError.notBackedUp(file)) { try store.recordAfter(file) }
        let entry = try store.backUp(file, step: "libretime-config")
        let copy = try #require(store.copyLocation(of: entry))
        unlink(copy)
        try AtomicFile.write(Array("changed\n".utf8), to: file, permissions: nil)
        #expect(throws: FileOperationError.backupDamaged(path: file, copy: copy)) { try store.restore(entry) }
        #expect(text(file) == "changed\n")
    }

    private func decoded(_ manifest: String) throws -> BackupManifest {
        try BackupManifest.decode(try #require(RawFile.read(manifest)), from: manifest)
    }
}
