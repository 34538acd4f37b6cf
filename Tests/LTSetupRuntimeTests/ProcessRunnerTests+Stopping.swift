import Glibc
import LTSetupCore
import Testing
@testable import LTSetupRuntime

extension ProcessRunnerTests {
    /// Cancel and timeout: the whole process group goes, and only while the step runs.
    @Suite struct Stopping {
        @Test func cancelStopsTheWholeGroup() throws {
            let outcome = try runProgram(sh("sleep 300 & sleep 300 & echo ready; wait"),
                                         cancelWhen: { $0 == "ready" })
            defer { kill(-outcome.pid, SIGKILL) }
            #expect(outcome.termination == .cancelled)
            #expect(outcome.seconds < 10)
            #expect(eventually { ProcessGroup.liveMembers(outcome.pid).isEmpty })
        }

        @Test func programsIgnoringIntAndTermDieOfTheKill() throws {
            let outcome = try runProgram(sh("trap '' INT TERM; echo ready; sleep 300"),
                                         cancelWhen: { $0 == "ready" })
            defer { kill(-outcome.pid, SIGKILL) }
            #expect(outcome.termination == .cancelled)
            // Two grace periods of 0.2 s, then SIGKILL.
            #expect(outcome.seconds >= 0.4)
            #expect(outcome.seconds < 10)
            #expect(eventually { ProcessGroup.liveMembers(outcome.pid).isEmpty })
        }

        @Test func stoppedProgramIsContinuedSoTermReachesIt() throws {
            let outcome = try runProgram(sh("trap '' INT; echo ready; kill -STOP $$; sleep 300"),
                                         cancelWhen: { $0 == "ready" })
            defer { kill(-outcome.pid, SIGKILL) }
            #expect(outcome.termination == .cancelled)
            #expect(eventually { ProcessGroup.liveMembers(outcome.pid).isEmpty })
        }

        @Test func timeoutStopsTheGroupAndSaysSo() throws {
            let outcome = try runProgram(["sleep", "300"], timeout: .seconds(1))
            defer { kill(-outcome.pid, SIGKILL) }
            #expect(outcome.termination == .timedOut)
            #expect(outcome.seconds >= 1)
            #expect(outcome.seconds < 5)
            #expect(eventually { ProcessGroup.liveMembers(outcome.pid).isEmpty })
        }

        @Test func plannedCommandTimeoutApplies() throws {
            let command = Command(["sh", "-c", "sleep 300 & wait"], timeoutSeconds: 1)
            let started = ContinuousClock.now
            let termination = try ProcessRunner(options: quickStop).run(command) { _ in }
            #expect(termination == .timedOut)
            #expect(seconds(ContinuousClock.now - started) < 5)
        }

        @Test func cancelAfterTheProgramEndedSignalsNothing() throws {
            let process = try RunningProcess(argv: sh("sleep 30 & echo started"), options: quickStop)
            defer { kill(-process.pid, SIGKILL) }
            // Wait, without servicing, until the shell is a zombie: it ended by itself.
            #expect(eventually { ProcessGroup.stat(of: process.pid)?.state == "Z" })
            process.cancel()
            var ending: Termination?
            while ending == nil {
                PollLoop().pollOnce(process: process) { if case .exited(let how) = $0 { ending = how } }
            }
            #expect(ending == .exited(code: 0))
            #expect(ProcessGroup.liveMembers(process.pid).count == 1, "the background sleep must live")
        }

        @Test func cancelFileDescriptorStopsTheBlockingRunner() throws {
            var fds: [Int32] = [-1, -1]
            #expect(pipe(&fds) == 0)
            defer { close(fds[0]); close(fds[1]) }
            let runner = ProcessRunner(options: quickStop, cancelWhenReadable: fds[0])
            var lines: [String] = []
            let termination = try runner.run(argv: sh("echo ready; sleep 300")) { line in
                lines.append(line)
                _ = write(fds[1], "x", 1)  // as a SIGINT handler writing the self-pipe would
            }
            #expect(lines == ["ready"])
            #expect(termination == .cancelled)
        }
    }
}
