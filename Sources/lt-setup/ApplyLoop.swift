import Glibc
import LTSetupCore
import LTSetupRuntime

/// The one loop of a non-interactive run: a `poll()` over the running step's output and the
/// signal pipe.
///
/// Signals, deliberately: Ctrl-C (SIGINT) stops the running program and marks its step
/// interrupted, except while packages install, since killing dpkg mid-way can leave the
/// package system broken; then the run waits for apt-get. SIGHUP (the ssh link dropped)
/// and SIGTERM let the running step finish, so that no program is cut off half-way
/// through a change, then the run stops before the next step. The session is saved at every
/// transition either way.
struct ApplyLoop {
    enum Ending: Equatable {
        case finished
        case signal(Int32)
    }

    let run: PlanRun
    let signals: SignalPipe?

    func run(_ deliver: (RunEvent) -> Void) -> Ending {
        var stopSignal: Int32?
        while true {
            if run.execution == nil {
                if let stopSignal { return .signal(stopSignal) }
                if !run.startNextStep(deliver) { return .finished }
                continue
            }
            var fds: [pollfd] = []
            if let fd = run.execution?.process?.fileDescriptor { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            if let signals { fds.append(pollfd(fd: signals.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
            let timeout = run.execution?.pollTimeoutMilliseconds ?? 0
            _ = poll(&fds, nfds_t(fds.count), timeout)
            let outputReadable = fds.first { $0.fd == run.execution?.process?.fileDescriptor }.map { $0.revents != 0 } ?? false
            if let signals, fds.last?.revents ?? 0 != 0 {
                for signal in signals.drain() {
                    stopSignal = handle(signal) ?? stopSignal
                }
            }
            run.service(outputReadable: outputReadable, deliver)
        }
    }

    /// Acts on one signal; returns it when the run must stop after the current step.
    func handle(_ signal: Int32) -> Int32? {
        let step = run.execution?.step.id
        switch signal {
        case SIGINT, SIGQUIT:
            if step == .packages {
                print("lt-setup: waiting for the package installation to finish: dpkg is never stopped mid-way.")
                return signal
            }
            run.cancel()
            return signal
        default:
            print("lt-setup: \(signal == SIGHUP ? "the terminal went away" : "asked to stop"); finishing the running step, then saving the session.")
            return signal
        }
    }
}
