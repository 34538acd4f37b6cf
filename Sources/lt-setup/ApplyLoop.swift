import Glibc
import LTSetupCore
import LTSetupRuntime

/// The loop of a non-interactive run, with signals handled deliberately.
///
/// Ctrl-C (SIGINT) stops the running program and marks its step interrupted, except while
/// packages install, since killing dpkg mid-way can leave the package system broken; then
/// the run waits for apt-get. SIGHUP (the ssh link dropped) and SIGTERM let the running step
/// finish, so that no program is cut off half-way through a change, then the run stops
/// before the next step. The session is saved at every transition either way.
struct ApplyLoop {
    enum Ending: Equatable {
        case finished
        case signal(Int32)
    }

    let run: PlanRun
    let signals: SignalPipe?

    func run(_ deliver: (RunEvent) -> Void) -> Ending {
        var stopSignal: Int32?
        let takeSignals = {
            for signal in signals?.drain() ?? [] { stopSignal = handle(signal) }
        }
        PlanRunLoop(run: run, watching: signals?.fileDescriptor).run(
            watchedReadable: takeSignals,
            stopBetweenSteps: {
                takeSignals()
                return stopSignal != nil
            },
            deliver)
        return stopSignal.map { .signal($0) } ?? .finished
    }

    /// Acts on one signal; returns it, since the run stops after the current step.
    func handle(_ signal: Int32) -> Int32 {
        switch signal {
        case SIGINT, SIGQUIT:
            if run.execution?.step.id == .packages {
                print("lt-setup: waiting for the package installation to finish: dpkg is never stopped mid-way.")
            } else {
                run.cancel()
            }
        default:
            print("lt-setup: \(signal == SIGHUP ? "the terminal went away" : "asked to stop"); finishing the running step, then saving the session.")
        }
        return signal
    }
}
