import Glibc

/// The folders where lt-setup keeps what it works from as root (the session, its lock, the
/// backups with their copies of private keys, the logs), checked before they are used: a
/// folder another user may write to, or a link, would let them swap or read those files.
public enum StateFolders {
    /// Refuses `folder` unless it is a real folder of this user (root, on a server) that
    /// nobody else may write to, and each of `files` that exists unless it is a regular
    /// file of this user, not a link, that nobody else may write to.
    public static func check(folder: String, files: [String] = []) throws(SessionError) {
        if let problem = problem(folder, folder: true) { throw problem }
        for file in files {
            if let problem = problem(file, folder: false) { throw problem }
        }
    }

    static func problem(_ path: String, folder: Bool) -> SessionError? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        let kind = info.st_mode & S_IFMT
        let owner = geteuid() == 0 ? "root" : "this user"
        let fixOwner = geteuid() == 0 ? "chown root:root \(path) && chmod \(folder ? "700" : "600") \(path)" : "chmod \(folder ? "700" : "600") \(path)"
        if kind == S_IFLNK {
            return .unsafe(path: path, reason: "is a symbolic link", fix: "Move the link away (mv \(path) \(path).suspect)")
        }
        if folder && kind != S_IFDIR || !folder && kind != S_IFREG && kind != S_IFSOCK {
            return .unsafe(path: path, reason: "is not a \(folder ? "folder" : "file")", fix: "Move it away (mv \(path) \(path).suspect)")
        }
        if info.st_uid != geteuid() {
            return .unsafe(path: path, reason: "belongs to user \(info.st_uid), not \(owner)", fix: "Check who made it, then \(fixOwner)")
        }
        if info.st_mode & 0o022 != 0 {
            return .unsafe(path: path, reason: "may be changed by other users (mode \(String(info.st_mode & 0o7777, radix: 8)))", fix: fixOwner)
        }
        return nil
    }
}
