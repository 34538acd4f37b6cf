/// What is at one path on the server.
public enum FileState: Sendable, Equatable {
    case missing
    case file(String)
    case symlink(target: String)
    case directory
    /// Present but not readable as text (binary, unreadable): its content is never guessed.
    case unreadable(reason: String)

    public var exists: Bool { self != .missing }

    /// The text of a regular file, or nil.
    public var text: String? {
        if case .file(let text) = self { return text }
        return nil
    }
}

/// A read-only view of the server's files, by absolute path.
///
/// The plan builder sees the server only through this, so it stays pure: the runtime gives
/// it the real disk (optionally under another root), tests give it a dictionary.
public protocol ServerFiles: Sendable {
    /// What is at `path` itself; a symlink is reported as a symlink, not followed.
    func state(of path: String) -> FileState
}

extension ServerFiles {
    /// The text of the regular file at `path`, following symlinks (certbot's `live/` files are
    /// links into `archive/`); nil when there is none.
    public func contents(of path: String) -> String? {
        var current = path
        for _ in 0..<8 {
            switch state(of: current) {
            case .file(let text): return text
            case .symlink(let target): current = ServerPath.resolve(target, from: current)
            default: return nil
            }
        }
        return nil
    }
}

/// Absolute-path arithmetic, without Foundation.
public enum ServerPath {
    /// The folder part of an absolute path (`/etc/nginx` for `/etc/nginx/nginx.conf`).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last component of a path.
    public static func fileName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Where a symlink at `link` with `target` points, as a normalised absolute path.
    public static func resolve(_ target: String, from link: String) -> String {
        let joined = target.hasPrefix("/") ? target : directory(of: link) + "/" + target
        var parts: [Substring] = []
        for part in joined.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// An in-memory server, for tests and for planning against files the operator supplies.
public struct InMemoryServerFiles: ServerFiles {
    public var files: [String: FileState]

    public init(_ files: [String: FileState] = [:]) {
        self.files = files
    }

    public func state(of path: String) -> FileState {
        files[path] ?? .missing
    }
}
