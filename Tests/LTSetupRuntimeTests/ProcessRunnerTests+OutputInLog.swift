import Foundation
import Glibc
@testable import LTSetupRuntime
import Testing

extension ProcessRunnerTests {
    /// Programs that write straight into their log file: their lines still arrive, in order,
    /// and what they leave running may write after they end without dying of a broken pipe.
    @Suite struct OutputInLog {
        @Test func linesArriveFromTheLogFileAndAreLoggedOnce() throws {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let log = try StepLog(directory: scratch.root, fileName: "step.log")
            log.append(line: "before")
            let outcome = try runProgram(["sh", "-c", "echo one; echo two >&2; echo three"], log: log, outputInLog: true)
            log.append(line: "after")
            log.flush()
            #expect(outcome.lines == ["one", "two", "three"])
            #expect(outcome.termination == .exited(code: 0))
            #expect(try String(contentsOfFile: log.path, encoding: .utf8) == "before\none\ntwo\nthree\nafter\n")
        }

        @Test func aServerLeftRunningCanStillWriteAfterTheStepEnds() throws {
            let scratch = try Scratch()
            defer { scratch.remove() }
            let marker = scratch.path("wrote-late")
            let script = "(sleep 0.3; echo late; echo late >&2; touch \(marker)) & echo started"
            // Through a pipe, a write later than the pipe's grace period meets a closed pipe:
            // SIGPIPE, and no marker.
            let shortGrace = RunOptions(gracePeriod: .milliseconds(200), outputLinger: .milliseconds(50))
            let pipeMarker = marker + "-pipe"
            _ = try runProgram(["sh", "-c", script.replacingOccurrences(of: marker, with: pipeMarker)], options: shortGrace)
            // Into the log file it carries on, whenever it writes; the step does not wait for it.
            let log = try StepLog(directory: scratch.root, fileName: "restart.log")
            let outcome = try runProgram(["sh", "-c", script], options: shortGrace, log: log, outputInLog: true)
            #expect(outcome.lines == ["started"])
            let deadline = ContinuousClock.now + .seconds(10)
            while !FileManager.default.fileExists(atPath: marker) && ContinuousClock.now < deadline {
                var pause = timespec(tv_sec: 0, tv_nsec: 10_000_000)
                nanosleep(&pause, nil)
            }
            #expect(FileManager.default.fileExists(atPath: marker))
            #expect(!FileManager.default.fileExists(atPath: pipeMarker))
            #expect(try String(contentsOfFile: log.path, encoding: .utf8).contains("late\nlate\n"))
        }
    }
}
