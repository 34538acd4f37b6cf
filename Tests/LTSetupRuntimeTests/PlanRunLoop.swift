import Glibc
import LTSetupCore
@testable import LTSetupRuntime

/// For the tests: drives a `PlanRun` to its end with one `poll()` over the running step's output and,
/// optionally, one more descriptor of the caller's (a signal self-pipe).
struct PlanRunLoop {
    let run: PlanRun
    let watched: Int32?

    init(run: PlanRun, watching watched: Int32? = nil) {
        self.run = run
        self.watched = watched
    }

    /// Runs steps until none is left, one fails, or `stopBetweenSteps` says so when no step
    /// is running. `watchedReadable` is called whenever the watched descriptor is readable.
    func run(watchedReadable: () -> Void = {}, stopBetweenSteps: () -> Bool = { false },
                    _ deliver: (RunEvent) -> Void) {
        while true {
            if !run.isBusy {
                if stopBetweenSteps() || !run.startNextStep(deliver) { return }
                continue
            }
            let output = run.execution?.process?.fileDescriptor
            var fds: [pollfd] = []
            if let output { fds.append(pollfd(fd: output, events: Int16(POLLIN), revents: 0)) }
            if let watched { fds.append(pollfd(fd: watched, events: Int16(POLLIN), revents: 0)) }
            _ = poll(&fds, nfds_t(fds.count), run.pollTimeoutMilliseconds)
            let outputReadable = output != nil && fds.first.map { $0.revents != 0 } == true
            if watched != nil, fds.last.map({ $0.revents != 0 }) == true { watchedReadable() }
            run.service(outputReadable: outputReadable, deliver)
        }
    }
}
