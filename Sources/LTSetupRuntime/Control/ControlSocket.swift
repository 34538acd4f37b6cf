import Glibc

/// Why the control socket could not be opened or reached.
public struct ControlSocketError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    /// The socket file is there but nobody listens (its runner died): ECONNREFUSED, ENOENT.
    public let nobodyListens: Bool

    init(_ operation: String, _ path: String, errno code: Int32) {
        message = "cannot \(operation) \(path): \(errorText(code))"
        nobodyListens = code == ECONNREFUSED || code == ENOENT
    }

    init(_ message: String) {
        self.message = message
        nobodyListens = false
    }

    public var description: String { message }
}

/// The runner's end of its control channel: a unix stream socket, mode 0600 in a root-only
/// folder, and each peer's credentials checked (SO_PEERCRED) before a word is read from it.
/// Every descriptor is close-on-exec, so that no daemon a step starts keeps it open.
public final class ControlListener {
    public let path: String
    /// Poll it for POLLIN, then `accept()`.
    public let descriptor: Int32
    /// The only user whose clients are served: the runner's own (root, on a server).
    let allowedUser: uid_t

    /// Binds `path`, replacing a socket left by a runner that died (the caller holds the
    /// session lock, so no live runner listens there).
    public init(path: String, allowedUser: uid_t = geteuid()) throws(ControlSocketError) {
        self.path = path
        self.allowedUser = allowedUser
        var address = try ControlAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw ControlSocketError("create a socket for", path, errno: errno) }
        var info = stat()
        if lstat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFSOCK else {
                close(fd)
                throw ControlSocketError("\(path) is in the way of the control socket: it is not a socket. Move it away, then run lt-setup again.")
            }
            unlink(path)
        }
        // Created 0600 from the start: no moment when another user could connect.
        let previous = umask(0o177)
        let bound = address.withSockaddr { bind(fd, $0, $1) }
        umask(previous)
        guard bound == 0 else {
            let code = errno
            close(fd)
            throw ControlSocketError("bind the control socket", path, errno: code)
        }
        guard listen(fd, 8) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw ControlSocketError("listen on", path, errno: code)
        }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    /// Removes the socket file: the runner is about to end.
    public func remove() {
        unlink(path)
    }

    /// The next waiting client, or nil when none waits. A peer of another user is closed
    /// at once, unread: only root may steer a run that changes the server.
    public func accept() -> ControlConnection? {
        while true {
            // accept4 is a GNU extension the Glibc module does not export: the flags are set
            // at once instead (the runner spawns nothing between the two calls).
            let fd = Glibc.accept(descriptor, nil, nil)
            if fd < 0 { return nil }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            guard let peer = ControlConnection.peer(fd), peer.uid == allowedUser else {
                close(fd)
                continue
            }
            return ControlConnection(descriptor: fd, peerProcess: peer.pid)
        }
    }
}

/// One end of a control connection: lines of text both ways, never blocking the runner.
public final class ControlConnection {
    public let descriptor: Int32
    /// The process at the other end, as the kernel vouches for it.
    public let peerProcess: pid_t
    private var pending: [UInt8] = []
    /// The peer hung up (or the connection broke): nothing more comes.
    public private(set) var isClosed = false

    init(descriptor: Int32, peerProcess: pid_t) {
        self.descriptor = descriptor
        self.peerProcess = peerProcess
    }

    deinit {
        close(descriptor)
    }

    /// Connects to a runner's socket, checking that root (or this user) owns the runner at
    /// the other end.
    public static func connect(to path: String) throws(ControlSocketError) -> ControlConnection {
        var address = try ControlAddress(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ControlSocketError("create a socket for", path, errno: errno) }
        let connected = address.withSockaddr { Glibc.connect(fd, $0, $1) }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw ControlSocketError("connect to the run's control socket", path, errno: code)
        }
        guard let peer = peer(fd), peer.uid == 0 || peer.uid == geteuid() else {
            close(fd)
            throw ControlSocketError("the process behind \(path) is not root's: it is not an lt-setup run, and is not talked to")
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        return ControlConnection(descriptor: fd, peerProcess: peer.pid)
    }

    /// The user and process at the other end of a unix socket.
    static func peer(_ fd: Int32) -> (uid: uid_t, pid: pid_t)? {
        var credentials = PeerCredentials()
        var length = socklen_t(MemoryLayout<PeerCredentials>.size)
        guard getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return (credentials.uid, credentials.pid)
    }

    /// Sends one line. Best effort: a peer that does not read (a paused terminal) loses
    /// lines rather than stalling the run; a broken connection is marked closed.
    @discardableResult
    public func send(_ line: String) -> Bool {
        guard !isClosed else { return false }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if written < 0 && errno != EAGAIN && errno != EWOULDBLOCK { isClosed = true }
        return written == bytes.count
    }

    /// The complete lines that have arrived; sets `isClosed` at end of stream.
    public func receive() -> [String] {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !isClosed {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                pending += chunk[0..<count]
                // A peer sending without end is cut off: commands are a few words.
                if pending.count > 65536 { isClosed = true }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { break }
            isClosed = true
        }
        var lines: [String] = []
        while let end = pending.firstIndex(of: 0x0A) {
            lines.append(String(decoding: pending[..<end], as: UTF8.self))
            pending.removeSubrange(...end)
        }
        return lines
    }
}

/// A `sockaddr_un` for a path, refusing one too long to fit.
struct ControlAddress {
    var address = sockaddr_un()

    init(_ path: String) throws(ControlSocketError) {
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard bytes.count < capacity, !bytes.contains(0) else {
            throw ControlSocketError("the control socket's path \(path) is too long for a unix socket (at most \(capacity - 1) bytes)")
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
            buffer[bytes.count] = 0
        }
    }

    mutating func withSockaddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}

/// Linux's `struct ucred` (pid, uid, gid), which the Glibc module does not export without
/// _GNU_SOURCE: three 32-bit fields, laid out as in C.
struct PeerCredentials {
    var pid: pid_t = 0
    var uid: uid_t = 0
    var gid: gid_t = 0
}
