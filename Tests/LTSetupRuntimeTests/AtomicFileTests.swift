import Foundation
import Glibc
import LTSetupCore
import Testing
@testable import LTSetupRuntime

/// AtomicFile against real files, as root (owners and groups are really changed).
@Suite struct AtomicFileTests {
    let daemonGID: gid_t = 1
    let admGID: gid_t = 4

    // MARK: write

    @Test func writeCreatesParentsAndTheFileWithExactOwnerGroupAndMode() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.path("a/b/site.conf")
        try AtomicFile.write(Array("server {}\n".utf8), to: target,
                             permissions: FilePermissions(owner: "root", group: "daemon", mode: 0o640))
        let info = try #require(status(target))
        #expect(info.st_uid == 0 && info.st_gid == daemonGID)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(text(target) == "server {}\n")
        #expect(permissionBits(scratch.path("a")) == 0o755)
        #expect(permissionBits(scratch.path("a/b")) == 0o755)
        #expect(scratch.temporaries(in: scratch.path("a/b")).isEmpty)
    }

    @Test func writeWithoutPermissionsKeepsTheExistingOwnerGroupAndMode() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.make("icecast.xml", "<old/>", mode: 0o660, gid: admGID)
        let before = try #require(status(target))
        try AtomicFile.write(Array("<new/>".utf8), to: target, permissions: nil)
        let after = try #require(status(target))
        #expect(after.st_gid == admGID && after.st_uid == 0 && after.st_mode & 0o7777 == 0o660)
        #expect(text(target) == "<new/>")
        #expect(after.st_ino != before.st_ino, "replaced by rename, not rewritten in place")
        #expect(scratch.temporaries().isEmpty)
    }

    @Test func writeWithoutPermissionsGivesANewFileRootRoot0644() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.path("new.conf")
        try AtomicFile.write(Array("x".utf8), to: target, permissions: nil)
        let info = try #require(status(target))
        #expect(info.st_uid == 0 && info.st_gid == 0 && info.st_mode & 0o7777 == 0o644)
    }

    @Test func writeToAMissingGroupFailsAndLeavesTheTargetAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.make("bundle.pem", "old", mode: 0o640)
        let before = try #require(status(target))
        #expect(throws: FileOperationError.noSuchGroup("lt-setup-no-such-group")) {
            try AtomicFile.write(Array("new".utf8), to: target,
                                 permissions: FilePermissions(group: "lt-setup-no-such-group", mode: 0o640))
        }
        #expect(text(target) == "old")
        #expect(status(target)?.st_ino == before.st_ino)
        #expect(scratch.names() == ["bundle.pem"])
    }

    @Test func aFailureAfterTheTemporaryExistsRemovesItAndLeavesTheTargetAlone() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.make("config.yml", "old: 1\n")
        let injected = FileOperationError.system(operation: "write", path: target, code: EIO)
        #expect(throws: injected) {
            try AtomicFile.replace(target, ownership: Ownership(uid: 0, gid: 0, mode: 0o644)) {
                (file, name) throws(FileOperationError) in
                #expect(name == target, "errors name the file being replaced, not its temporary")
                try file.writeAll(Array("new: half".utf8), name)
                #expect(scratch.names().filter { AtomicFile.isTemporary($0) }.count == 1)
                throw injected
            }
        }
        #expect(text(target) == "old: 1\n")
        #expect(scratch.names() == ["config.yml"])
    }

    /// What a killed write leaves beside a file is removed by the next run or undo: only
    /// names made for that file, files and links alone, links not followed.
    @Test func temporariesLeftBesideAFileAreRemovedAndNothingElse() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.make("bundle.pem", "live\n")
        let left = TemporarySibling.name(beside: target)
        #expect(left.hasSuffix("~"), "certbot runs no hook whose name ends in ~")
        _ = scratch.make(String(left.dropFirst(scratch.root.count + 1)), "-----BEGIN PRIVATE KEY-----\n")
        let victim = scratch.make("victim", "kept\n")
        symlink(victim, scratch.path(".bundle.pem.lt-setup-abcDEF~"))
        mkdir(scratch.path(".bundle.pem.lt-setup-GHIjkl~"), 0o700)
        _ = scratch.make(".bundle.pem.lt-setup-short~", "not ours\n")
        _ = scratch.make(".other.pem.lt-setup-abcdef~", "another file's\n")
        let removed = AtomicFile.removeTemporaries(beside: target)
        #expect(Set(removed) == [left, scratch.path(".bundle.pem.lt-setup-abcDEF~")])
        #expect(text(victim) == "kept\n")
        #expect(Set(scratch.names()) == ["bundle.pem", "victim", ".bundle.pem.lt-setup-GHIjkl~",
                                         ".bundle.pem.lt-setup-short~", ".other.pem.lt-setup-abcdef~"])
    }

    @Test func writeReplacesASymlinkInsteadOfWritingThroughIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let elsewhere = scratch.make("elsewhere.conf", "keep me")
        let link = scratch.path("site.conf")
        symlink(elsewhere, link)
        #expect(throws: FileOperationError.symlinkInTheWay(path: link, target: elsewhere)) {
            try AtomicFile.write(Array("new".utf8), to: link, permissions: nil)
        }
        try AtomicFile.write(Array("new".utf8), to: link, permissions: .config)
        #expect(status(link).map { $0.st_mode & S_IFMT == S_IFREG } == true)
        #expect(text(link) == "new")
        #expect(text(elsewhere) == "keep me")
    }

    @Test func writeRefusesAFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.path("sites"), 0o755)
        #expect(throws: FileOperationError.isDirectory(scratch.path("sites"))) {
            try AtomicFile.write(Array("x".utf8), to: scratch.path("sites"), permissions: .config)
        }
        #expect(scratch.names() == ["sites"])
    }

    @Test func aConcurrentReaderSeesOnlyWholeOldOrWholeNewContent() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.path("config.yml")
        let first = [UInt8](repeating: UInt8(ascii: "a"), count: 3000)
        let second = [UInt8](repeating: UInt8(ascii: "b"), count: 70000)
        try AtomicFile.write(first, to: target, permissions: .config)
        let reader = Watcher {
            guard let bytes = RawFile.read(target) else { return "unreadable: \(String(cString: strerror(errno)))" }
            return bytes == first || bytes == second ? nil : "saw \(bytes.count) bytes"
        }
        for round in 0..<200 {
            try AtomicFile.write(round.isMultiple(of: 2) ? second : first, to: target, permissions: nil)
        }
        let (rounds, problems) = reader.stop()
        #expect(problems.isEmpty)
        #expect(rounds > 200)
        #expect(scratch.names() == ["config.yml"])
    }

    // MARK: assemble

    @Test func assembleWritesTheConcatenationAsRootGroup0640AndReplacesALooserBundle() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let chain = scratch.make("fullchain.pem", "CHAIN\n")
        let key = scratch.make("privkey.pem", "KEY\n", mode: 0o600)
        let bundle = scratch.make("icecast.bundle", "old, loose", mode: 0o644)
        let before = try #require(status(bundle))
        try AtomicFile.assemble(sources: [chain, key], to: bundle,
                                permissions: FilePermissions(group: "daemon", mode: 0o640))
        let info = try #require(status(bundle))
        #expect(text(bundle) == "CHAIN\nKEY\n")
        #expect(info.st_uid == 0 && info.st_gid == daemonGID && info.st_mode & 0o7777 == 0o640)
        #expect(info.st_ino != before.st_ino)
        #expect(scratch.temporaries().isEmpty)
    }

    @Test func theBundleIsNeverVisibleToOthersWhileItIsAssembled() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.path("live"), 0o755)
        mkdir(scratch.path("icecast"), 0o755)
        let chain = scratch.make("live/fullchain.pem", String(repeating: "CERTIFICATE\n", count: 400))
        let key = scratch.make("live/privkey.pem", "PRIVATE KEY\n", mode: 0o600)
        let folder = scratch.path("icecast")
        let daemon = daemonGID
        let watcher = Watcher {
            for name in scratch.names(in: folder) {
                guard let info = status(folder + "/" + name) else { continue }  // renamed meanwhile
                let mode = info.st_mode & 0o7777
                if mode & 0o007 != 0 { return "\(name) had mode \(String(mode, radix: 8))" }
                // Group bits are fine only once the group is the final one (after fchown).
                if AtomicFile.isTemporary(name) && mode & 0o070 != 0 && info.st_gid != daemon {
                    return "temporary \(name) had group bits for gid \(info.st_gid)"
                }
            }
            return nil
        }
        for _ in 0..<200 {
            try AtomicFile.assemble(sources: [chain, key], to: folder + "/icecast.bundle",
                                    permissions: FilePermissions(group: "daemon", mode: 0o640))
        }
        let (rounds, problems) = watcher.stop()
        #expect(problems.isEmpty)
        #expect(rounds > 0)
        #expect(scratch.names(in: folder) == ["icecast.bundle"])
        #expect(permissionBits(folder + "/icecast.bundle") == 0o640)
    }

    @Test func aMissingSourceIsNamedAndNoBundleIsWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let chain = scratch.make("fullchain.pem", "CHAIN\n")
        let key = scratch.path("etc/letsencrypt/live/radio.example.org/privkey.pem")
        let bundle = scratch.path("icecast.bundle")
        let error = #expect(throws: FileOperationError.missingSource(key)) {
            try AtomicFile.assemble(sources: [chain, key], to: bundle, permissions: FilePermissions(mode: 0o640))
        }
        #expect(error?.description == "\(key) is missing: has certbot issued the certificate? (certbot certificates)")
        #expect(scratch.names() == ["fullchain.pem"])
    }

    // MARK: symlink and remove

    @Test func symlinkCreatesAndAtomicallyReplacesALinkOrFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let link = scratch.path("enabled/site.conf")
        try AtomicFile.symlink(target: "../available/a.conf", at: link)
        #expect(linkTarget(link) == "../available/a.conf")
        let reader = Watcher {
            let target = linkTarget(link)
            return target == "../available/a.conf" || target == "../available/b.conf" ? nil : "saw \(target ?? "nothing")"
        }
        for round in 0..<200 {
            try AtomicFile.symlink(target: round.isMultiple(of: 2) ? "../available/b.conf" : "../available/a.conf", at: link)
        }
        let (_, problems) = reader.stop()
        #expect(problems.isEmpty)
        let file = scratch.make("plain.conf", "was a file")
        try AtomicFile.symlink(target: "x", at: file)
        #expect(linkTarget(file) == "x")
        #expect(scratch.names(in: scratch.path("enabled")) == ["site.conf"])
    }

    @Test func symlinkRefusesAFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        mkdir(scratch.path("site.conf"), 0o755)
        #expect(throws: FileOperationError.isDirectory(scratch.path("site.conf"))) {
            try AtomicFile.symlink(target: "x", at: scratch.path("site.conf"))
        }
        #expect(scratch.names() == ["site.conf"])
    }

    @Test func removeDeletesAFileOrTheLinkItselfAcceptsMissingAndRefusesAFolder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.make("a.conf", "a")
        let link = scratch.path("link.conf")
        symlink(file, link)
        try AtomicFile.remove(link)
        #expect(status(link) == nil)
        #expect(text(file) == "a")
        try AtomicFile.remove(file)
        try AtomicFile.remove(file)
        try AtomicFile.remove(scratch.path("no/such/folder/file"))
        mkdir(scratch.path("folder"), 0o755)
        #expect(throws: FileOperationError.isDirectory(scratch.path("folder"))) {
            try AtomicFile.remove(scratch.path("folder"))
        }
        #expect(scratch.names() == ["folder"])
    }

    // MARK: accounts and messages

    @Test func accountsResolveNamesBothWays() throws {
        #expect(try Accounts.uid(ofUser: "root") == 0)
        #expect(try Accounts.gid(ofGroup: "daemon") == daemonGID)
        #expect(Accounts.userName(of: 0) == "root")
        #expect(Accounts.groupName(of: admGID) == "adm")
        #expect(Accounts.groupName(of: 4_000_000) == nil)
        #expect(throws: FileOperationError.noSuchUser("lt-setup-nobody")) {
            try Accounts.uid(ofUser: "lt-setup-nobody")
        }
        #expect(FileOperationError.noSuchGroup("icecast").description
            == "group icecast does not exist: is icecast2 installed? (apt install icecast2)")
        #expect(FileOperationError.system(operation: "replace", path: "/etc/x", code: EACCES).description
            == "could not replace /etc/x: Permission denied; lt-setup must run as root (sudo lt-setup ...)")
    }
}
