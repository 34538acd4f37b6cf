import Dispatch
import Glibc
import LTSetupRuntime
import Testing

@Suite struct BackgroundWorkTests {
    enum Kind: Hashable, Sendable {
        case preflight, verification
    }

    /// Waits for the wake-up the way the wizard's loop does: poll on the descriptor.
    func awaitWakeUp(_ work: BackgroundWork<Kind, Int>) -> Bool {
        var descriptor = pollfd(fd: work.descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 10_000) == 1
    }

    @Test func aResultWakesThePollAndIsTakenOnce() throws {
        let work = try BackgroundWork<Kind, Int>()
        work.start(.preflight) { 42 }
        #expect(awaitWakeUp(work))
        #expect(work.take() == [42])
        #expect(work.take() == [])
        var descriptor = pollfd(fd: work.descriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&descriptor, 1, 0) == 0, "the wake-up was drained")
    }

    /// The operator went back and asked again: only the latest request's result comes;
    /// the earlier one still finishes, and is dropped.
    @Test func anEarlierRequestOfTheSameKindIsDropped() throws {
        let work = try BackgroundWork<Kind, Int>()
        let release = DispatchSemaphore(value: 0)
        let earlierDone = DispatchSemaphore(value: 0)
        work.start(.preflight) {
            release.wait()
            earlierDone.signal()
            return 1
        }
        work.start(.preflight) { 2 }
        #expect(awaitWakeUp(work))
        #expect(work.take() == [2])
        release.signal()
        earlierDone.wait()
        #expect(awaitWakeUp(work), "the earlier one wakes the loop too")
        #expect(work.take() == [])
    }

    @Test func kindsDoNotReplaceEachOther() throws {
        let work = try BackgroundWork<Kind, Int>()
        let release = DispatchSemaphore(value: 0)
        work.start(.verification) {
            release.wait()
            return 2
        }
        work.start(.preflight) { 1 }
        #expect(awaitWakeUp(work))
        #expect(work.take() == [1])
        release.signal()
        #expect(awaitWakeUp(work))
        #expect(work.take() == [2])
    }

    /// A step's program must not inherit the wake-up pipe.
    @Test func thePipeIsCloseOnExecAndNonBlocking() throws {
        let work = try BackgroundWork<Kind, Int>()
        #expect(fcntl(work.descriptor, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(work.descriptor, F_GETFL) & O_NONBLOCK != 0)
        #expect(work.take() == [], "taking with nothing in does not block")
    }
}
