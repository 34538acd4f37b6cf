import Glibc

/// `yes` writing into a pipe that the demo's poll loop reads, as the wizard reads a step's
/// output: at most 64 KiB per wake-up, so a flood can never starve the keys.
final class Flood {
    let fileDescriptor: Int32
    let pid: pid_t
    /// glibc's `POSIX_SPAWN_SETSID` (2.26+), a GNU extension the Glibc module does not export.
    static let spawnSetsid: Int16 = 0x80

    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    private(set) var lines = 0

    struct SpawnError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "cannot start yes: \(String(cString: strerror(code)))" }
    }

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw SpawnError(code: errno) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The demo ignores SIGPIPE, and ignored signals survive exec: give yes the default back,
        // so that it dies quietly when the demo goes away. A new session keeps it off the tty.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK) | Self.spawnSetsid)
        var child: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("yes"), strdup("flood line"), nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawnp(&child, "yes", &actions, &attributes, argv, environ)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            throw SpawnError(code: status)
        }
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        fileDescriptor = fds[0]
        pid = child
    }

    /// Reads what is there, up to 64 KiB, and counts its lines.
    func drain() {
        let count = read(fileDescriptor, &buffer, buffer.count)
        guard count > 0 else { return }
        for byte in buffer[0..<count] where byte == 10 { lines += 1 }
    }

    /// Stops yes and reaps it.
    func stop() {
        kill(pid, SIGTERM)
        close(fileDescriptor)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
