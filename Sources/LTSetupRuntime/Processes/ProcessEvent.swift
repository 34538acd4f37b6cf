/// Something that happened to a running step's program, in the order it happened.
public enum ProcessEvent: Sendable, Equatable {
    /// One line the program wrote to stdout or stderr, cleaned for display: no line ending,
    /// no colour or cursor codes, only the last state of a `\r` progress bar, invalid UTF-8
    /// replaced by U+FFFD. A line longer than 64 KiB arrives as several events.
    case output(line: String)
    /// The program ended; this is always the last event.
    case exited(Termination)
}
