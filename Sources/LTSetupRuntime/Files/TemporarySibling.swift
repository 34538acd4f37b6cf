import Glibc
import LTSetupCore

/// Fresh hidden names beside a path (`.NAME.lt-setup-XXXXXX`), for building a file or link
/// before renaming it over the real one. Same folder, so the rename stays on one file
/// system and is atomic.
enum TemporarySibling {
    /// What every temporary name contains, so leftovers of a killed run can be recognised.
    static let marker = ".lt-setup-"
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    /// Room left for the dot, the marker and the suffix within NAME_MAX (255 bytes).
    private static let maximumNameBytes = 200

    /// Runs `make` (an `open` with `O_EXCL`, a `symlink`) on fresh names until one is free.
    /// `make` returns -1 with `errno` set on failure, anything else on success.
    static func create(beside path: String, _ make: (String) -> Int32) throws(FileOperationError)
        -> (path: String, result: Int32) {
        for _ in 0..<100 {
            let candidate = name(beside: path)
            let result = make(candidate)
            if result >= 0 { return (candidate, result) }
            guard errno == EEXIST else { throw .fromErrno("create a temporary file beside", path) }
        }
        throw .system(operation: "find a free temporary name beside", path: path, code: EEXIST)
    }

    /// A random hidden sibling name for `path`. It ends in `~`: certbot runs every
    /// executable in its hook folders but those, so that a renewal hook's temporary left by
    /// a killed write is never run.
    static func name(beside path: String) -> String {
        let suffix = String((0..<6).map { _ in alphabet[Int.random(in: 0..<alphabet.count)] })
        let directory = ServerPath.directory(of: path)
        return (directory == "/" ? "" : directory) + "/." + base(of: path) + marker + suffix + "~"
    }

    /// The part of `path`'s file name its temporaries carry.
    static func base(of path: String) -> String {
        var base = ServerPath.fileName(of: path)
        if base.utf8.count > maximumNameBytes {
            base = String(decoding: base.utf8.prefix(maximumNameBytes), as: UTF8.self)
        }
        return base
    }

    /// Whether `text` is what `name(beside:)` puts after the marker.
    static func isSuffix(_ text: Substring) -> Bool {
        text.count == 7 && text.last == "~" && text.dropLast().allSatisfy { alphabet.contains($0) }
    }
}
