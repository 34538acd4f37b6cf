import Glibc
import LTSetupCore
import LTSetupRuntime
import LTSetupTerminal
import LTSetupUI

/// The wizard's one loop: a `poll()` over the keyboard, the signal pipe and the running
/// step's output; every input becomes a `WizardAction`, `Wizard.update` says what to do,
/// the backend (`WizardSession`, or `GoldenReplay` for the golden tests) does it, and the
/// frame is repainted.
final class WizardProgram {
    let terminal: TerminalScreen
    var state: AppState
    let session: WizardBackend
    var lastPaint = 0.0
    var quitting = false
    var stopSignal: Int32?

    init(backend: WizardBackend, capabilities: TerminalCapabilities) {
        terminal = TerminalScreen(capabilities: capabilities)
        session = backend
        // Replaced by the backend's setup once the terminal's size is known.
        state = AppState(WizardSetup(size: Size.minimum, locations: SessionLocations(logDirectory: "", backupDirectory: "")))
    }

    func run() throws -> Int32 {
        try terminal.start()
        let restorer = try TerminalRestorer(screen: terminal)
        defer { restorer.restore() }
        state = AppState(session.setup(size: terminal.size, glyphs: terminal.glyphs))
        for action in session.service(outputReadable: false) { handle(action) }
        paint()
        while !(quitting && !session.isRunning) {
            if let stopSignal, !session.isRunning {
                restorer.restoreAndExit(signal: stopSignal)
            }
            wait(restorer)
        }
        return 0
    }

    /// One turn: sleep in poll until a key, a signal, output or the next tick, then act.
    func wait(_ restorer: TerminalRestorer) {
        let output = session.outputDescriptor
        var fds = [pollfd(fd: terminal.inputFileDescriptor, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: restorer.signalFileDescriptor, events: Int16(POLLIN), revents: 0)]
        if let output { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), session.isRunning ? min(100, session.pollTimeout) : -1)
        var keyPressed = false
        if fds[1].revents != 0, let signal = restorer.takeTerminationSignal() {
            // The terminal is gone or we were asked to stop: no new step starts, the running
            // one finishes (never cut dpkg or certbot off mid-way), then we exit.
            stopSignal = signal
            quitting = true
            session.stopAfterCurrentStep(cancel: false)
        }
        if fds[0].revents != 0 {
            for input in terminal.readKeys() {
                keyPressed = true
                switch input {
                case .key(let key):
                    handle(.keyPressed(key))
                    for action in session.reports(afterKey: key) { handle(action) }
                case .resize(let size): handle(.resized(size))
                case .hangUp:
                    stopSignal = SIGHUP
                    quitting = true
                    session.stopAfterCurrentStep(cancel: false)
                case .unknown: continue
                }
            }
        }
        // A key is answered on screen before the output waiting behind it is read: reading
        // a full chunk of a flood takes milliseconds (bench/wizard-key-latency.sh).
        if keyPressed { paint() }
        let outputReadable = fds.count > 2 && fds[2].revents != 0
        for action in session.service(outputReadable: outputReadable) { handle(action) }
        // Output is repainted at most every 33 ms while it floods in.
        if Clock.seconds() - lastPaint >= 0.033 { paint() }
    }

    /// Applies one action and every action its effects produce in turn.
    func handle(_ action: WizardAction) {
        var queue = [action]
        while !queue.isEmpty {
            let next = queue.removeFirst()
            for effect in Wizard.update(&state, next) {
                if effect == .quit {
                    quitting = true
                    session.stopAfterCurrentStep(cancel: true)
                    continue
                }
                queue += perform(effect)
            }
        }
    }

    func perform(_ effect: WizardEffect) -> [WizardAction] {
        switch effect {
        case .runPreflight, .runVerification:
            // The checks take a few seconds (connections, DNS): show "Checking…" meanwhile.
            paint()
            return session.perform(effect)
        case .openLog(let id):
            return page(session.logPath(of: id))
        case .openSessionLog(let id):
            return page(session.summaryPath(of: id))
        default:
            return session.perform(effect)
        }
    }

    /// Shows a log with the system's pager, the terminal handed over meanwhile.
    func page(_ path: String?) -> [WizardAction] {
        guard let path, !session.isRunning else { return [] }
        terminal.stop()
        Pager.show(path)
        try? terminal.start()
        paint()
        return [.resized(terminal.size)]
    }

    func paint() {
        terminal.paint(Wizard.render(state))
        lastPaint = Clock.seconds()
    }
}
