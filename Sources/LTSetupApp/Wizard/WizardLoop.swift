import Glibc
import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// The wizard's one loop: a `poll()` over the keyboard, the signal pipe and what the backend
/// waits on (the run's runner, checks at work); every input becomes a `WizardAction`,
/// `Wizard.update` says what to do, the backend (`WizardSession`, or the golden tests'
/// replay) does it, and the frame is repainted on the `WizardTerminal`.
public final class WizardLoop {
    let terminal: WizardTerminal
    public private(set) var state: AppState
    let backend: WizardBackend
    var lastPaint = 0.0
    /// Something changed the state since the last paint.
    var dirty = false
    /// The next paint sends every cell again (after a resize).
    var repaintWhole = false
    var quitting = false
    var stopSignal: Int32?
    /// The terminal hung up (the ssh link dropped): it is neither read nor painted again.
    /// A hung-up terminal reads as ready at once, forever: polled, it would spin a core
    /// while the running step finishes.
    var terminalGone = false

    public init(backend: WizardBackend, terminal: WizardTerminal) {
        self.terminal = terminal
        self.backend = backend
        // Replaced by the backend's setup once the terminal's size is known.
        state = AppState(WizardSetup(size: Size.minimum, locations: SessionLocations(logDirectory: "", backupDirectory: "")))
    }

    /// Shows the screens until the operator leaves; the status to exit with: 0, or 128 + N
    /// after signal N (SIGHUP when the terminal hung up), as a shell reports a process
    /// killed by it.
    public func run() throws -> Int32 {
        let farewell = try runScreens()
        if let stopSignal { return 128 + stopSignal }
        // The terminal is back to normal: what the Done screen said stays in the scrollback.
        if let farewell { print(TerminalText.safe(farewell)) }
        return 0
    }

    /// The screens until the operator leaves, or a signal ends them once no run needs this
    /// front end; the farewell text when that was from Done.
    private func runScreens() throws -> String? {
        try terminal.start()
        defer { terminal.restore() }
        state = AppState(backend.setup(size: terminal.size, glyphs: terminal.glyphs))
        for action in backend.service(readable: []) { handle(action) }
        paint()
        while !(quitting && !backend.isRunning) {
            wait()
        }
        return terminalGone ? nil : Wizard.farewell(state, width: terminal.size.columns)
    }

    /// One turn: sleep in poll until a key, a signal, output or the next tick, then act.
    func wait() {
        // poll() skips a negative descriptor.
        var fds = [pollfd(fd: terminalGone ? -1 : terminal.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: terminal.signalFileDescriptor, events: Int16(POLLIN), revents: 0)]
        for descriptor in backend.waitDescriptors { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), pollTimeout())
        var keyPressed = false
        if fds[1].revents != 0, let signal = terminal.takeTerminationSignal() {
            // The terminal is gone or we were asked to stop: no new step starts, the running
            // one finishes (never cut dpkg or certbot off mid-way), then we exit.
            stopSignal = signal
            quitting = true
            if signal == SIGHUP { terminalGone = true }
            backend.stopAfterCurrentStep(cancel: false, because: StopCause(signal: signal))
        }
        // A resize away and back before ncurses looks at the size (a window dragged, a tmux
        // pane zoomed) yields no resize key, yet the terminal lost what it showed: any wake
        // of the signal pipe (SIGWINCH) paints every cell again.
        if fds[1].revents != 0 {
            repaintWhole = true
            dirty = true
        }
        // A resize comes as SIGWINCH, which wakes the signal pipe, not the keyboard: ncurses
        // queues it as a key, which must be read now, not when the next real key comes.
        if (fds[0].revents != 0 || fds[1].revents != 0) && !terminalGone {
            for input in terminal.readKeys() {
                keyPressed = true
                switch input {
                case .key(let key):
                    handle(.keyPressed(key))
                    for action in backend.reports(afterKey: key) { handle(action) }
                case .resize(let size):
                    // Painted whole: after a resize away and back, ncurses may take the old
                    // frame for what is on the screen and send nothing.
                    repaintWhole = true
                    handle(.resized(size))
                case .hangUp:
                    stopSignal = SIGHUP
                    quitting = true
                    terminalGone = true
                    backend.stopAfterCurrentStep(cancel: false, because: .hangUp)
                case .unknown: continue
                }
            }
        }
        // A key is answered on screen before the output waiting behind it is read: reading
        // a full chunk of a flood takes milliseconds (bench/wizard-key-latency.sh).
        if keyPressed { paint() }
        let readable = Set(fds.dropFirst(2).filter { $0.revents != 0 }.map(\.fd))
        for action in backend.service(readable: readable) { handle(action) }
        // Output is repainted at most every 33 ms while it floods in.
        if dirty && MonotonicClock.seconds() - lastPaint >= Self.paintInterval { paint() }
    }

    /// At most 33 ms between paints while output floods in.
    static let paintInterval = 0.033

    /// How long poll may sleep: until the next tick while a run is on, and no longer than
    /// the paint a change is still waiting for; else until something happens.
    func pollTimeout() -> Int32 {
        var timeout: Int32 = backend.isRunning ? min(100, backend.pollTimeout) : backend.idlePollTimeout
        if dirty {
            let due = Int32(max(0, (Self.paintInterval - (MonotonicClock.seconds() - lastPaint)) * 1000).rounded(.up))
            timeout = timeout < 0 ? due : min(timeout, due)
        }
        return timeout
    }

    /// Applies one action and every action its effects produce in turn.
    func handle(_ action: WizardAction) {
        dirty = true
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in Wizard.update(&state, next) {
                if effect == .quit {
                    quitting = true
                    backend.stopAfterCurrentStep(cancel: true, because: .quit)
                    continue
                }
                queue += perform(effect)
            }
        }
    }

    func perform(_ effect: WizardEffect) -> [WizardAction] {
        switch effect {
        case .openLog(let id):
            return page(backend.logPath(of: id))
        case .openSessionLog(let id):
            return page(backend.summaryPath(of: id))
        case .redraw:
            terminal.paint(Wizard.render(state), clearingFirst: true)
            lastPaint = MonotonicClock.seconds()
            return []
        default:
            return backend.perform(effect)
        }
    }

    /// Shows a log with the system's pager, the terminal handed over meanwhile.
    func page(_ path: String?) -> [WizardAction] {
        guard let path, !backend.isRunning else { return [] }
        terminal.page(path)
        paint()
        return [.resized(terminal.size)]
    }

    func paint() {
        guard !terminalGone else {
            dirty = false
            return
        }
        terminal.paint(Wizard.render(state), clearingFirst: repaintWhole)
        repaintWhole = false
        lastPaint = MonotonicClock.seconds()
        dirty = false
    }
}
