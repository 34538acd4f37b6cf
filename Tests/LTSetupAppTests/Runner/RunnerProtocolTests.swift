import LTSetupApp
import LTSetupCore
import Testing

/// The words front ends and the runner exchange.
@Suite struct RunnerProtocolTests {
    @Test func everyRequestReadsBackAsItself() {
        let requests: [RunnerRequest] = [.all, .next, .skip(.certificate), .stopStep, .stopAfterStep, .leave]
        for request in requests { #expect(RunnerRequest(line: request.line) == request) }
    }

    @Test func anythingElseIsNoRequest() {
        for line in ["", "all now", "skip", "skip nothing", "skip ../../etc", "ALL", "stop"] {
            #expect(RunnerRequest(line: line) == nil, "\(line)")
        }
    }

    @Test func noticesReadBackAndStayOneLine() {
        let notices: [RunnerNotice] = [.state(.all), .state(.next), .state(nil), .changed, .refused("a run is going on"), .note("dpkg")]
        for notice in notices { #expect(RunnerNotice(line: notice.line) == notice) }
        #expect(RunnerNotice.note("two\nlines").line == "note two lines")
        #expect(RunnerNotice(line: "state maybe") == nil)
    }
}
