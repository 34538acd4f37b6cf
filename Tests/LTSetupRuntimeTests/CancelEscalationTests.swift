import Glibc
import Testing
@testable import LTSetupRuntime

extension ProcessRunnerTests {
    /// The escalation schedule, on a made-up clock.
    @Suite struct Escalation {
        @Test func intThenTermAndContThenKill() {
            var escalation = CancelEscalation(grace: .seconds(2))
            let start = ContinuousClock.now
            #expect(escalation.signalsDue(at: start) == [SIGINT])
            #expect(escalation.signalsDue(at: start + .seconds(1)) == [])
            #expect(escalation.signalsDue(at: start + .seconds(2)) == [SIGTERM, SIGCONT])
            #expect(escalation.nextDeadline == start + .seconds(4))
            #expect(!escalation.isComplete)
            #expect(escalation.signalsDue(at: start + .seconds(4)) == [SIGKILL])
            #expect(escalation.isComplete)
            #expect(escalation.signalsDue(at: start + .seconds(9)) == [])
        }

        @Test func pollTimeoutsRoundUp() {
            #expect(Duration.microseconds(1).pollMilliseconds == 1)
            #expect(Duration.milliseconds(50).pollMilliseconds == 50)
            #expect(Duration.seconds(-1).pollMilliseconds == 0)
            #expect(PollLoop.earlier(-1, 50) == 50)
            #expect(PollLoop.earlier(10, 50) == 10)
            #expect(PollLoop.earlier(-1, -1) == -1)
        }
    }
}
