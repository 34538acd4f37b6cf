/// How the runtime watches and stops a step's program.
public struct RunOptions: Sendable, Equatable {
    /// How long each signal of the cancel escalation (SIGINT, then SIGTERM + SIGCONT) is
    /// given before the next, harder one is sent.
    public var gracePeriod: Duration
    /// The longest the caller's `poll()` may sleep while the program runs. The exit is checked
    /// on every wake-up, so this bounds how late an exit is noticed while a daemonised
    /// grandchild keeps the output pipe open (no EOF ever comes then).
    public var checkInterval: Duration
    /// After the program exits by itself, how long its output is still read while something
    /// it started holds the pipe, waiting for the end of the output. A server restarted
    /// through its init script (`service icecast2 restart`, where systemd does not run)
    /// writes its start-up messages to the inherited pipe a moment after the script exits,
    /// then closes it; a pipe closed before that kills the server with SIGPIPE.
    public var outputLinger: Duration

    /// Creates options; the defaults suit both the wizard and `apply`.
    public init(gracePeriod: Duration = .seconds(2), checkInterval: Duration = .milliseconds(50),
                outputLinger: Duration = .seconds(2)) {
        self.gracePeriod = gracePeriod
        self.checkInterval = checkInterval
        self.outputLinger = outputLinger
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded up so that a poll never wakes just before
    /// a deadline and spins; clamped to what `poll()` accepts.
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = components
        if seconds < 0 || (seconds == 0 && attoseconds <= 0) { return 0 }
        if seconds >= Int64(Int32.max / 1000) { return Int32.max }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(millis)
    }
}
