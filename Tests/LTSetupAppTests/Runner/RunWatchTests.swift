import LTSetupApp
import LTSetupCore
import Testing

@Suite struct RunWatchTests {
    /// The runner is idle when the request reaches it: that idle is not the run's end.
    @Test func aRequestedRunEndsOnTheIdleAfterItBegan() {
        var watch = RunWatch.requested
        var ended = watch.observe([.state(nil)], runnerGone: false)
        #expect(!ended && !watch.began)
        ended = watch.observe([.note("waiting"), .state(.all)], runnerGone: false)
        #expect(!ended && watch.began)
        ended = watch.observe([.state(nil)], runnerGone: false)
        #expect(ended && watch.ended, "the idle after the run is its end")
        ended = watch.observe([.state(nil)], runnerGone: true)
        #expect(!ended, "it ends once")
    }

    @Test func beganAndEndedInOneReadIsAnEnd() {
        var watch = RunWatch.requested
        let ended = watch.observe([.state(.next), .state(nil)], runnerGone: false)
        #expect(ended)
    }

    @Test func aRunnerGoneEndsTheRunWhateverItSaid() {
        var watch = RunWatch.requested
        let ended = watch.observe([], runnerGone: true)
        #expect(ended)
    }

    @Test func attachingToAnIdleRunnerFollowsNoRun() {
        var idle = RunWatch.attached(mode: nil)
        #expect(idle.ended)
        let later = idle.observe([.state(.all)], runnerGone: false)
        #expect(!later, "a run another terminal asks for later is not this one's")
        var live = RunWatch.attached(mode: .all)
        #expect(live.began && !live.ended)
        let ended = live.observe([.state(nil)], runnerGone: false)
        #expect(ended)
    }
}
