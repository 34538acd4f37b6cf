import Glibc

/// Runs a program to its end with `posix_spawnp` and `waitpid`, collecting its output.
///
/// Not Foundation's `Process`: it leaks a descriptor into the child, and a daemon the child
/// leaves behind (the tmux server) then keeps `waitUntilExit` waiting forever. Here both pipe
/// ends are close-on-exec from birth (another test may spawn at the same moment), the child
/// gets only its stdout and stderr, an empty signal mask and default signal actions.
public enum Spawn {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Signals whose handling the test runner may have changed, reset for the child.
    public static let resetSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGWINCH, SIGCHLD,
                                        SIGTSTP, SIGTTIN, SIGTTOU, SIGALRM, SIGUSR1, SIGUSR2]

    /// Runs `argv` (the program is looked up in `environment`'s PATH) with exactly `environment`.
    /// Its standard input is `input` (at most a pipe's capacity, 64 KiB), else `/dev/null`.
    public static func run(_ argv: [String], environment: [String: String], input: String? = nil) throws -> Result {
        let output = try pipePair(), errors = try pipePair()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var inputPipe: (read: Int32, write: Int32)?
        if let input {
            // Written in full before the child starts, so nothing can block on it.
            let bytes = Array(input.utf8)
            guard bytes.count <= 65536 else { throw Failure(description: "input larger than a pipe holds") }
            let pipe = try pipePair()
            inputPipe = pipe
            let written = bytes.withUnsafeBytes { write(pipe.write, $0.baseAddress, $0.count) }
            close(pipe.write)
            guard written == bytes.count else {
                close(pipe.read)
                throw Failure(description: "cannot write the input to a pipe")
            }
            posix_spawn_file_actions_adddup2(&actions, pipe.read, STDIN_FILENO)
        } else {
            posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        }
        defer { if let inputPipe { close(inputPipe.read) } }
        posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, errors.write, STDERR_FILENO)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        resetSignals.forEach { sigaddset(&defaults, $0) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = argv.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, argv[0], &actions, &attributes, arguments, variables)
        close(output.write)
        close(errors.write)
        defer {
            close(output.read)
            close(errors.read)
        }
        guard status == 0 else {
            throw Failure(description: "cannot start \(argv[0]): \(String(cString: strerror(status)))")
        }
        let (out, err) = readBoth(output.read, errors.read)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, which are macros.
        let exitStatus = waitStatus & 0x7F == 0 ? (waitStatus >> 8) & 0xFF : 128 + (waitStatus & 0x7F)
        return Result(status: exitStatus, output: out, errors: err)
    }

    /// Reads both pipes to their end together, so that neither can fill up and block the child.
    static func readBoth(_ first: Int32, _ second: Int32) -> (String, String) {
        var collected: [[UInt8]] = [[], []]
        var open = [true, true]
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while open[0] || open[1] {
            var fds = [pollfd(fd: open[0] ? first : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open[1] ? second : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            for index in 0..<2 where open[index] && fds[index].revents != 0 {
                let count = read(fds[index].fd, &buffer, buffer.count)
                if count > 0 {
                    collected[index] += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    open[index] = false
                }
            }
        }
        return (String(decoding: collected[0], as: UTF8.self), String(decoding: collected[1], as: UTF8.self))
    }

    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

    /// A close-on-exec pipe: `pipe2(O_CLOEXEC)`, which the Glibc module does not export, found
    /// by name (in every glibc since 2.9).
    static func pipePair() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard let symbol = dlsym(nil, "pipe2") else { throw Failure(description: "pipe2 not found") }
        guard unsafeBitCast(symbol, to: Pipe2.self)(&fds, O_CLOEXEC) == 0 else {
            throw Failure(description: "pipe2: \(String(cString: strerror(errno)))")
        }
        return (fds[0], fds[1])
    }
}
