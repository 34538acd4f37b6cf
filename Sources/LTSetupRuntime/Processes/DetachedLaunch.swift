import Glibc
import LTSetupCore

/// Starts lt-setup again as a process that belongs to no terminal, so that what it does
/// outlives the ssh link of whoever started it.
///
/// Three stages, the classic double fork done with `posix_spawn` (a Swift process must not
/// `fork` without `exec`):
/// 1. `start`, in the front end: spawns `lt-setup ARGS --detach` in a session of its own
///    (setsid), stdin from /dev/null, stdout and stderr to a log file, and fd 3 the write end
///    of a pipe; waits for it to exit, then for a line on the pipe.
/// 2. `respawn`, in that process: spawns `lt-setup ARGS` again and exits at once, so the
///    final process is reparented to init and, being no session leader, can never gain a
///    controlling terminal.
/// 3. the final process marks fd 3 close-on-exec, ignores SIGHUP, and says `ready` (or why
///    it cannot go on) on fd 3 with `report`.
public enum DetachedLaunch {
    /// The descriptor the launcher reads its answer from.
    public static let reportDescriptor: Int32 = 3
    /// The flag that marks the middle stage.
    public static let detachFlag = "--detach"

    /// Stage 1: starts `arguments` detached and waits (up to `timeout`) for it to report.
    /// Returns when it said `ready`; throws its own message otherwise.
    public static func start(arguments: [String], logPath: String, timeout: Duration = .seconds(30)) throws(ExecutionError) {
        let program = try executable()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ExecutionError("cannot make a pipe to start the run: \(errorText(errno))") }
        // Above 3, so that putting the write end on fd 3 in the child is a real dup2 (which
        // clears close-on-exec), and close-on-exec here: no other child inherits them.
        let readEnd = fcntl(ends[0], F_DUPFD_CLOEXEC, 10)
        let writeEnd = fcntl(ends[1], F_DUPFD_CLOEXEC, 10)
        close(ends[0])
        close(ends[1])
        defer { close(readEnd) }
        let log = openLog(logPath)
        defer { if log >= 0 { close(log) } }
        let devNull = open("/dev/null", O_RDWR | O_CLOEXEC)
        defer { if devNull >= 0 { close(devNull) } }
        var attributes = posix_spawnattr_t()
        var actions = posix_spawn_file_actions_t()
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaulted = sigset_t()
        sigemptyset(&defaulted)
        for signal in SpawnSetup.defaultedSignals { sigaddset(&defaulted, signal) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | SpawnSetup.setSessionFlag))
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaulted)
        let output = log >= 0 ? log : devNull
        posix_spawn_file_actions_adddup2(&actions, devNull, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, reportDescriptor)
        for fd in SpawnSetup.inheritableDescriptors() where fd > reportDescriptor {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let argv = [program] + arguments + [detachFlag]
        var pid: pid_t = 0
        let result: Int32
        do {
            let cArguments = try CStringArray(argv)
            result = posix_spawn(&pid, program, &actions, &attributes, cArguments.pointers, environ)
        } catch {
            close(writeEnd)
            throw ExecutionError("cannot start the run: \(error)")
        }
        close(writeEnd)
        guard result == 0 else { throw ExecutionError("cannot start the run (\(program)): \(errorText(result))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let answer = readAnswer(readEnd, timeout: timeout)
        if answer == "ready" { return }
        if answer.hasPrefix("error: ") { throw ExecutionError(String(answer.dropFirst(7))) }
        throw ExecutionError("the run did not start (\(answer.isEmpty ? "it said nothing" : answer)); its log is \(logPath)")
    }

    /// Stage 2: starts the final process (the same arguments without `--detach`) with the
    /// same descriptors 0 to 3, and returns its pid; the caller exits at once.
    public static func respawn(arguments: [String]) throws(ExecutionError) -> pid_t {
        let program = try executable()
        let argv = [program] + arguments.filter { $0 != detachFlag }
        var pid: pid_t = 0
        let result: Int32
        do {
            let cArguments = try CStringArray(argv)
            result = posix_spawn(&pid, program, nil, nil, cArguments.pointers, environ)
        } catch {
            throw ExecutionError("cannot start the run: \(error)")
        }
        guard result == 0 else { throw ExecutionError("cannot start the run (\(program)): \(errorText(result))") }
        return pid
    }

    /// Stage 3: keeps fd 3 from the programs the run starts, and stops SIGHUP (a terminal
    /// the launcher had) from ending the run.
    public static func detachFromLauncher() {
        if hasLauncher { _ = fcntl(reportDescriptor, F_SETFD, FD_CLOEXEC) }
        signal(SIGHUP, SIG_IGN)
        _ = chdir("/")
    }

    /// Stage 3: tells the launcher `ready`, or `error: MESSAGE`, and closes the channel.
    public static func report(_ line: String) {
        guard hasLauncher else { return }
        let bytes = Array((line.split(whereSeparator: \.isNewline).joined(separator: " ") + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(reportDescriptor, $0.baseAddress, $0.count) }
        close(reportDescriptor)
    }

    /// fd 3 is the launcher's pipe (a runner started by hand has none, or something else there).
    static var hasLauncher: Bool {
        var info = stat()
        return fstat(reportDescriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO
    }

    /// The running binary, by the kernel's own link: the same lt-setup, whatever PATH says.
    static func executable() throws(ExecutionError) -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard count > 0 else { throw ExecutionError("cannot find lt-setup's own program: \(errorText(errno))") }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func openLog(_ path: String) -> Int32 {
        try? Directories.create(ServerPath.directory(of: path), mode: 0o700)
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        if fd >= 0 { fchmod(fd, 0o600) }
        return fd
    }

    /// The one line the final process writes, or what came before end of file or the time limit.
    static func readAnswer(_ fd: Int32, timeout: Duration) -> String {
        let deadline = ContinuousClock.now + timeout
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while !bytes.contains(0x0A) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { return "it did not answer within \(timeout)" }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
            let milliseconds = Int32(min(1000, left.components.seconds * 1000 + 1))
            if poll(&fds, 1, milliseconds) <= 0 { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes.prefix { $0 != 0x0A }, as: UTF8.self)
    }
}
