import Glibc
import TmuxTestSupport

/// The `terminal-demo` binary that `swift build` put beside this test bundle, and the
/// command lines the tests run it with.
enum TerminalDemo {
    static let repository = BuiltProduct.repository

    /// `TERMINAL_DEMO_BINARY`, else `terminal-demo` beside the running test binary, else the default debug build.
    static let path = BuiltProduct.path("terminal-demo", override: "TERMINAL_DEMO_BINARY")

    /// A fixture file's absolute path.
    static func fixture(_ name: String) -> String {
        repository + "/Tests/LTSetupTerminalTests/Fixtures/" + name
    }

    /// The demo with `arguments`, alone in the pane: the pane dies with the demo's status.
    static func command(_ arguments: String = "") -> String {
        "exec \(TmuxSession.quote(path)) \(arguments)"
    }

    /// The demo followed, in the same pane, by what an operator's shell would find after it:
    /// its exit status (`exit=N`) and the tty modes that a raw-mode program must give back
    /// (`tty: ixon isig icanon echo` when restored; `-icanon`, `-echo`… when not).
    static func commandReportingRestore(_ arguments: String = "") -> String {
        "\(TmuxSession.quote(path)) \(arguments); echo \"exit=$?\"; "
            + "printf 'tty: %s\\n' \"$(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|ixon|isig)' | tr '\\n' ' ')\""
    }

    /// The tty modes a restored terminal shows in `commandReportingRestore`'s report.
    static let restoredModes = "tty: ixon isig icanon echo"

    /// The demo's pid, from its `pid: N` line.
    static func pid(on screen: String) -> pid_t? {
        for line in screen.split(separator: "\n") {
            guard let range = line.firstRange(of: "pid: ") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            return pid_t(digits)
        }
        return nil
    }
}
