import Glibc

/// A step's program, started with `posix_spawn` in its own session, writing stdout and
/// stderr into one pipe whose read end we hold.
///
/// Not Foundation's `Process`: it leaks a socket into the child, so a backgrounded grandchild
/// delays the exit notification by its whole lifetime, and its reader buffers without limit.
struct ChildProcess {
    /// The child's pid, which is also its process group and session id.
    let pid: pid_t
    /// The read end of the output pipe, or of the output file: non-blocking, close-on-exec,
    /// ours to close.
    let output: Int32
    /// Whether `output` reads a regular file the child appends to, rather than a pipe.
    let outputIsFile: Bool

    /// Starts `argv[0]`, found on `PATH` like a shell would but never run through one.
    /// glibc searches lt-setup's own `PATH`, not the one in `environment`.
    ///
    /// - Parameter outputFile: when given, the child's stdout and stderr are this file, opened
    ///   for appending, and `output` reads it from its current end: the child then owes
    ///   nothing to lt-setup's survival (dpkg is not cut off by a broken pipe if lt-setup is
    ///   killed), and a server it starts can write to it long after (Icecast does).
    static func spawn(argv: [String], environment: [String], outputFile: String? = nil) throws(SpawnError) -> ChildProcess {
        guard let program = argv.first, !program.isEmpty else { throw .emptyCommand }
        if let entry = environment.first(where: { $0.utf8.contains(0) }) {
            // Name only: the value may be a secret, and errors end up on screen and in logs.
            throw .invalidArgument("environment variable " + (entry.split(separator: "=").first.map(String.init) ?? ""))
        }
        let arguments = try CStringArray(argv)
        let variables = try CStringArray(environment)
        let pipe: OutputPipe
        if let outputFile {
            pipe = try Self.openOutputFile(outputFile)
        } else {
            pipe = try OutputPipe.make()
        }
        // The child has its own copies on fd 1 and 2. Keeping ours open would mean no EOF.
        defer { close(pipe.writeEnd) }
        do throws(SpawnError) {
            let devNull = try openDevNull()
            defer { close(devNull) }
            let setup = try SpawnSetup(stdin: devNull, output: pipe.writeEnd)
            var pid: pid_t = 0
            // Looked up in the children's fixed PATH, not in lt-setup's own.
            guard let location = ChildEnvironment.locate(program) else { throw .programNotFound(program) }
            let result = posix_spawn(
                &pid, location, setup.fileActions, setup.attributes,
                arguments.pointers, variables.pointers)
            guard result == 0 else { throw spawnError(result, program: program) }
            return ChildProcess(pid: pid, output: pipe.readEnd, outputIsFile: outputFile != nil)
        } catch {
            close(pipe.readEnd)
            throw error
        }
    }

    /// The output file opened twice: for the child to append to, and for us to read from its
    /// present end.
    static func openOutputFile(_ path: String) throws(SpawnError) -> OutputPipe {
        let writeEnd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard writeEnd >= 0 else { throw .system(operation: "open \(path)", errno: errno) }
        let readEnd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard readEnd >= 0 else {
            let code = errno
            close(writeEnd)
            throw .system(operation: "open \(path)", errno: code)
        }
        lseek(readEnd, 0, SEEK_END)
        return OutputPipe(readEnd: readEnd, writeEnd: writeEnd)
    }

    /// Whether the child has ended, without reaping it.
    ///
    /// An unreaped child stays a zombie, and a zombie keeps its pid, hence its process group
    /// id, from being reused: signalling the group stays safe until we reap it.
    func hasExited() -> Bool {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 {
            // ECHILD: someone else reaped it (SIGCHLD ignored); there is nothing to wait for.
            if errno != EINTR { return true }
        }
        return info._sifields._sigchld.si_pid == pid
    }

    /// Reaps the child, waiting for it if it has not ended yet.
    func reap() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(code: -1) }
        }
        return Termination(waitStatus: status)
    }

    /// Sends `signal` to every process in the child's group; a group already gone is fine.
    func signalGroup(_ signal: Int32) {
        kill(-pid, signal)
    }
}

/// Opened in the parent rather than by a spawn file action, so that a failure to open it
/// cannot be mistaken for "program not found" (both would be ENOENT).
private func openDevNull() throws(SpawnError) -> Int32 {
    let fd = open("/dev/null", O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .system(operation: "open /dev/null for the program's input", errno: errno) }
    do throws(SpawnError) {
        return try aboveStandardStreams(fd)
    } catch {
        close(fd)
        throw error
    }
}

private func spawnError(_ code: Int32, program: String) -> SpawnError {
    switch code {
    case ENOENT, ENOTDIR: return .programNotFound(program)
    case EACCES, ENOEXEC, EPERM, EISDIR: return .notExecutable(program)
    default: return .system(operation: "start \(program)", errno: code)
    }
}
