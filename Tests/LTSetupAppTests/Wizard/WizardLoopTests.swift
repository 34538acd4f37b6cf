import Glibc
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import LTSetupUI
import Testing

/// A terminal in memory: scripted input, the frames painted, signals on demand. Its
/// descriptors are real pipes, so the loop's `poll()` wakes as on a real terminal.
final class FakeTerminal: WizardTerminal {
    let size = Size(columns: 80, rows: 24)
    let glyphs = Glyphs.unicode
    private let input = PipePair()
    private let signals = PipePair()
    /// What each `readKeys()` returns, in turn.
    var script: [[KeyInput]]
    /// A signal to deliver when the script reaches this many reads.
    var signalAfterReads: (reads: Int, signal: Int32)?
    var reads = 0
    var pendingSignal: Int32?
    private(set) var frames: [Screen] = []
    private(set) var restored = 0
    private(set) var hungUp = false
    private(set) var paintsAfterHangUp = 0

    init(_ script: [[KeyInput]]) {
        self.script = script
        input.fill()
    }

    var inputFileDescriptor: Int32 { input.read }
    var signalFileDescriptor: Int32 { signals.read }
    func start() throws {}
    func restore() { restored += 1 }

    func takeTerminationSignal() -> Int32? {
        signals.drain()
        defer { pendingSignal = nil }
        return pendingSignal
    }

    func readKeys() -> [KeyInput] {
        reads += 1
        if let due = signalAfterReads, reads == due.reads {
            pendingSignal = due.signal
            signals.fill()
        }
        guard !script.isEmpty else {
            input.drain()
            return []
        }
        let batch = script.removeFirst()
        if batch.contains(.hangUp) { hungUp = true }
        return batch
    }

    func paint(_ screen: Screen, clearingFirst: Bool) {
        frames.append(screen)
        if hungUp { paintsAfterHangUp += 1 }
    }
    func page(_ path: String) {}
    var lastText: String { frames.last?.text ?? "" }
}

/// A pipe whose read end stays readable while it holds a byte.
final class PipePair {
    let read: Int32
    let write: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        _ = pipe(&ends)
        read = ends[0]
        write = ends[1]
        _ = fcntl(read, F_SETFL, fcntl(read, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        close(read)
        close(write)
    }

    func fill() {
        var byte: UInt8 = 1
        _ = Glibc.write(write, &byte, 1)
    }

    func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while Glibc.read(read, &bytes, bytes.count) > 0 {}
    }
}

/// A backend that carries nothing out: it is "running" until told to stop (or for a number
/// of turns), and records what the loop asked of it.
final class RecordingBackend: WizardBackend {
    var running: Bool
    /// Turns of the loop the run still lasts after a stop was asked for; nil: until a hang-up.
    var turnsAfterStop: Int?
    private(set) var stops: [StopCause] = []
    private(set) var effects: [WizardEffect] = []
    private(set) var turns = 0

    init(running: Bool = false) {
        self.running = running
    }

    var isRunning: Bool { running }
    var waitDescriptors: [Int32] { [] }
    var pollTimeout: Int32 { 10 }
    var idlePollTimeout: Int32 { -1 }

    func setup(size: Size, glyphs: Glyphs) -> WizardSetup {
        WizardSetup(size: size, glyphs: glyphs, locations: SessionLocations(logDirectory: "/var/log/lt-setup/S", backupDirectory: "/var/lib/lt-setup/backups/S"))
    }

    func perform(_ effect: WizardEffect) -> [WizardAction] {
        effects.append(effect)
        return []
    }

    func service(readable: Set<Int32>) -> [WizardAction] {
        turns += 1
        if let left = turnsAfterStop, !stops.isEmpty {
            if left == 0 { running = false } else { turnsAfterStop = left - 1 }
        }
        return []
    }

    func reports(afterKey key: Key) -> [WizardAction] { [] }

    func stopAfterCurrentStep(cancel: Bool, because cause: StopCause) {
        stops.append(cause)
        if cause == .hangUp { running = false }
    }

    func logPath(of id: StepID) -> String? { nil }
    func summaryPath(of session: String) -> String? { nil }
}

/// The wizard's loop with a terminal of the tests: keys in, frames out, signals and hang-ups.
@Suite struct WizardLoopTests {
    @Test func aKeyIsAnsweredWithItsFrame() throws {
        let terminal = FakeTerminal([[.key(.enter)], [.hangUp]])
        let backend = RecordingBackend()
        let status = try WizardLoop(backend: backend, terminal: terminal).run()
        #expect(terminal.frames.first?.text.contains("1/7 Welcome") == true)
        #expect(terminal.lastText.contains("2/7 Proxy"))
        // The hang-up ends it as SIGHUP would, with the terminal given back.
        #expect(status == 128 + SIGHUP)
        #expect(terminal.restored >= 1)
    }

    @Test func aHangUpMidRunLeavesTheRunToItsRunnerAndEndsAtOnce() throws {
        let terminal = FakeTerminal([[.key(.enter)], [.hangUp], [.key(.enter)]])
        let backend = RecordingBackend(running: true)
        let status = try WizardLoop(backend: backend, terminal: terminal).run()
        #expect(status == 128 + SIGHUP)
        #expect(backend.stops == [.hangUp])
        // Nothing is read or painted on the dead terminal: the key after the hang-up is not.
        #expect(terminal.script.count == 1)
        #expect(terminal.paintsAfterHangUp == 0)
        #expect(terminal.lastText.contains("2/7 Proxy"))
    }

    @Test func aStopSignalLetsTheRunningStepFinishWhileTheScreenGoesOn() throws {
        let terminal = FakeTerminal([[.key(.enter)]])
        terminal.signalAfterReads = (1, SIGTERM)
        let backend = RecordingBackend(running: true)
        backend.turnsAfterStop = 3
        let status = try WizardLoop(backend: backend, terminal: terminal).run()
        #expect(status == 128 + SIGTERM)
        #expect(backend.stops == [.signal(SIGTERM)])
        // The loop went on serving the run after the signal, until it had stopped.
        #expect(backend.turns >= 4)
        #expect(!backend.isRunning)
    }

    @Test func quittingFromTheFirstScreenAsksNothingAndTellsTheBackend() throws {
        let terminal = FakeTerminal([[.key(.character("q"))]])
        let backend = RecordingBackend()
        let status = try WizardLoop(backend: backend, terminal: terminal).run()
        #expect(status == 0)
        #expect(backend.stops == [.quit])
    }
}
