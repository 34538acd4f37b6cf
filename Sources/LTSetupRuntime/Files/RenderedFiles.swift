import Glibc
import LTSetupCore

/// Writes the files a plan would create or change into a preview folder, each under its
/// absolute path (`OUT/etc/nginx/sites-available/DOMAIN.conf`), for `lt-setup render`.
///
/// Previews are whole files, and icecast.xml and config.yml hold passwords: every folder it
/// creates is 0700 and every file 0600, the renewal hook's copy too. The modes the files get
/// on the server are those `lt-setup plan` shows.
public struct RenderedFiles {
    public let outputRoot: String

    public init(outputRoot: String) {
        self.outputRoot = outputRoot.count > 1 && outputRoot.hasSuffix("/") ? String(outputRoot.dropLast()) : outputRoot
    }

    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Writes one planned file, readable by its owner only.
    public func write(_ file: FileWrite) throws(FileSystemError) -> String {
        let location = outputRoot + file.path
        try Directories.create(ServerPath.directory(of: location), mode: Self.folderMode)
        try RawFile.write(Array(file.content.utf8), to: location, mode: Self.fileMode)
        return location
    }
}

/// Folder creation, without Foundation.
public enum Directories {
    /// Creates `path` and its missing parents with `mode` (whatever the umask); existing
    /// folders are left as they are. A relative `path` is relative to the current folder.
    public static func create(_ path: String, mode: mode_t) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) == 0 {
                guard chmod(current, mode) == 0 else { throw .fromErrno(current) }
            } else if errno != EEXIST {
                throw .fromErrno(current)
            }
        }
    }
}

extension RawFile {
    /// Replaces the file at `location` with `bytes`, with `mode` from its creation on.
    public static func write(_ bytes: [UInt8], to location: String, mode: mode_t) throws(FileSystemError) {
        let fd = open(location, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .fromErrno(location) }
        defer { close(fd) }
        guard fchmod(fd, mode) == 0 else { throw .fromErrno(location) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno(location)
            }
            offset += count
        }
    }
}
