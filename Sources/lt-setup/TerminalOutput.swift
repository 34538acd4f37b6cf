import Glibc
import LTSetupCore

/// Every line the commands print goes through here: the commands' `print` is this one,
/// which passes the text through `TerminalText.safe` first, so that nothing read from
/// outside (a process name, a backend's answer, config.yml, a program's output) can send
/// escape sequences to root's terminal, whichever report it is part of. It is written out
/// at once, even into a pipe (`ssh HOST lt-setup` without -t): each step's progress reaches
/// the operator as it happens, not when a buffer fills.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: terminator)
    fflush(nil)
}

/// The same, to a stream (the errors, on standard error).
func print<Target: TextOutputStream>(_ items: Any..., separator: String = " ", terminator: String = "\n", to output: inout Target) {
    let text = items.map { "\($0)" }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: terminator, to: &output)
}
