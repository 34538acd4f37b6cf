import Glibc

/// Why a step's program could not be started, with what the operator can do about it.
public enum SpawnError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The command has no program to run.
    case emptyCommand
    /// No executable with this name was found on `PATH`.
    case programNotFound(String)
    /// The program exists but may not be executed (permissions, or not a program).
    case notExecutable(String)
    /// An argument or environment entry holds a NUL byte, which `exec` cannot pass on.
    case invalidArgument(String)
    /// The system refused something needed to start the child (a pipe, `/dev/null`, a process).
    case system(operation: String, errno: Int32)

    /// A one-line message for the operator: what failed and what to do.
    public var message: String {
        switch self {
        case .emptyCommand:
            return "empty command: the step has no program to run (this is a bug in lt-setup's plan)"
        case .programNotFound(let program):
            return "program not found: \(program) (install the package that provides it, or check PATH)"
        case .notExecutable(let program):
            return "program not executable: \(program) (check that it is a program and has execute permission)"
        case .invalidArgument(let argument):
            let shown = argument.replacingNULs()
            return "argument contains a NUL byte: \(shown) (this is a bug in lt-setup's plan)"
        case .system(let operation, let code):
            return "could not \(operation): \(errorText(code)) "
                + "(the system may be short of processes, memory or file descriptors; free some and retry)"
        }
    }

    public var description: String { message }
}

/// The C library's text for an `errno` value, e.g. "No such file or directory".
func errorText(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

extension String {
    /// Shows NUL bytes as `\0`, so that an error message stays one readable line.
    fileprivate func replacingNULs() -> String {
        String(unicodeScalars.flatMap { $0 == "\0" ? ["\\", "0"] : [$0] }.map(Character.init))
    }
}
