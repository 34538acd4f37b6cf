import Glibc
import LTSetupTerminal
import LTSetupUI

/// The demo's one loop: poll(stdin, signal pipe, flood) → readKeys → repaint.
struct DemoLoop {
    let terminal: TerminalScreen
    let restorer: TerminalRestorer
    let options: DemoOptions

    /// How often a flood may repaint; a key repaints at once.
    static let floodRepaintInterval: Duration = .milliseconds(33)

    struct RequestedError: Error, CustomStringConvertible {
        var description: String { "error requested with T (the thrown-error path)" }
    }

    /// Runs until `q` and returns the exit status; other endings exit or throw on their own.
    func run() throws -> Int32 {
        var state = DemoState()
        let golden = try options.showFile.map(GoldenScreen.init(path:))
        let flood = options.flood ? try Flood() : nil
        defer { flood?.stop() }
        let clock = ContinuousClock()
        var lastPaint = clock.now
        var floodDirty = false
        func paint() {
            let size = terminal.size
            terminal.paint(golden?.screen(size) ?? state.render(size, terminal: terminal))
            lastPaint = clock.now
            floodDirty = false
        }
        paint()
        while true {
            var timeout: Int32 = -1
            if floodDirty {
                let left = Self.floodRepaintInterval - (clock.now - lastPaint)
                let (seconds, attoseconds) = left.components
                timeout = Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
            }
            let floodReady = wait(flood: flood, timeout: timeout)
            if let signal = restorer.takeTerminationSignal() { restorer.restoreAndExit(signal: signal) }
            var keyed = false
            for input in terminal.readKeys() {
                // The terminal is gone without a SIGHUP: end as if hung up.
                if case .hangUp = input { restorer.restoreAndExit(signal: SIGHUP) }
                if case .key(.character("q")) = input { return 0 }
                if case .key(.character("X")) = input { exit(3) }
                if case .key(.character("T")) = input { throw RequestedError() }
                if case .key(.character("C")) = input { fatalError("crash requested with C (the crash path)") }
                state.take(input)
                keyed = true
            }
            if floodReady, let flood {
                flood.drain()
                state.floodLines = flood.lines
                floodDirty = true
            }
            if keyed || (floodDirty && clock.now - lastPaint >= Self.floodRepaintInterval) { paint() }
        }
    }

    /// One poll over the terminal's input, the signal pipe and the flood; returns whether the
    /// flood has output.
    func wait(flood: Flood?, timeout: Int32) -> Bool {
        var fds = [pollfd(fd: terminal.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: restorer.signalFileDescriptor, events: Int16(POLLIN), revents: 0)]
        if let flood { fds.append(pollfd(fd: flood.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
        // EINTR (a signal) simply ends the wait; the signal pipe says which.
        guard poll(&fds, nfds_t(fds.count), timeout) > 0 else { return false }
        return fds.count > 2 && fds[2].revents != 0
    }
}
