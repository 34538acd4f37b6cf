import Glibc

/// The `posix_spawn` attributes and file actions that give a step's program its isolation.
///
/// - a new session (so also its own process group, whose id is its pid): it has no
///   controlling terminal, so `/dev/tty` fails cleanly instead of scribbling over the wizard
///   or stopping the child forever, and cancel can signal everything it started at once;
/// - an empty signal mask and default dispositions for the signals lt-setup handles or that
///   a test runner may have blocked (a child inheriting a blocked SIGTERM cannot be stopped,
///   an ignored SIGPIPE breaks `yes | head`);
/// - stdin from `/dev/null`, stdout and stderr into one pipe;
/// - every other descriptor closed, even those lt-setup opened without close-on-exec.
final class SpawnSetup {
    /// glibc's `POSIX_SPAWN_SETSID` (2.26+), a GNU extension the Glibc module does not export.
    static let setSessionFlag: Int32 = 0x80
    /// Reset to their default action in the child.
    static let defaultedSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD]

    let attributes = UnsafeMutablePointer<posix_spawnattr_t>.allocate(capacity: 1)
    let fileActions = UnsafeMutablePointer<posix_spawn_file_actions_t>.allocate(capacity: 1)

    init(stdin: Int32, output: Int32) throws(SpawnError) {
        posix_spawnattr_init(attributes)
        posix_spawn_file_actions_init(fileActions)
        let result = configureAttributes() ?? configureFileActions(stdin: stdin, output: output)
        if let code = result {
            throw .system(operation: "prepare the program's start", errno: code)
        }
    }

    deinit {
        posix_spawnattr_destroy(attributes)
        posix_spawn_file_actions_destroy(fileActions)
        attributes.deallocate()
        fileActions.deallocate()
    }

    /// Returns the first error code, or nil.
    private func configureAttributes() -> Int32? {
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaulted = sigset_t()
        sigemptyset(&defaulted)
        for signal in Self.defaultedSignals {
            sigaddset(&defaulted, signal)
        }
        let flags = Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | Self.setSessionFlag)
        return firstError([
            posix_spawnattr_setflags(attributes, flags),
            posix_spawnattr_setsigmask(attributes, &empty),
            posix_spawnattr_setsigdefault(attributes, &defaulted),
        ])
    }

    /// Returns the first error code, or nil.
    private func configureFileActions(stdin: Int32, output: Int32) -> Int32? {
        var results = [
            posix_spawn_file_actions_adddup2(fileActions, stdin, 0),
            posix_spawn_file_actions_adddup2(fileActions, output, 1),
            posix_spawn_file_actions_adddup2(fileActions, output, 2),
        ]
        // posix_spawn_file_actions_addclosefrom_np would do this in one call, but needs
        // glibc 2.34, and the binary must still start on Debian 11 (glibc 2.31).
        for fd in Self.inheritableDescriptors() {
            results.append(posix_spawn_file_actions_addclose(fileActions, fd))
        }
        return firstError(results)
    }

    private func firstError(_ results: [Int32]) -> Int32? {
        results.first { $0 != 0 }
    }

    /// Descriptors above 2 that lack close-on-exec, so would leak into the child.
    ///
    /// A race remains: a descriptor opened without close-on-exec by another thread between
    /// this scan and the spawn still leaks. Everything in lt-setup opens with O_CLOEXEC.
    static func inheritableDescriptors() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        let own = dirfd(directory)
        var result: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let fd = Int32(name), fd > 2, fd != own else { continue }
            let flags = fcntl(fd, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 {
                result.append(fd)
            }
        }
        return result
    }
}
