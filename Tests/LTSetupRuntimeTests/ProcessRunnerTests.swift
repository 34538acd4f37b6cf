import Foundation
import Glibc
import LTSetupCore
import Testing
@testable import LTSetupRuntime

/// The process runner against real programs. Nested suites in the sibling files
/// (`ProcessRunnerTests+…`) belong to it, so `swift test --filter ProcessRunnerTests` runs all.
@Suite struct ProcessRunnerTests {
    @Test func stdoutAndStderrArriveMergedInOrder() throws {
        for _ in 0..<20 {
            let outcome = try runProgram(sh("echo 1; echo 2 >&2; echo 3; echo 4 >&2"))
            #expect(outcome.lines == ["1", "2", "3", "4"])
            #expect(outcome.termination == .exited(code: 0))
        }
    }

    @Test func exitCodesAreReported() throws {
        #expect(try runProgram(["true"]).termination == .exited(code: 0))
        #expect(try runProgram(sh("exit 3")).termination == .exited(code: 3))
        #expect(try runProgram(sh("exit 255")).termination == .exited(code: 255))
    }

    @Test func deathBySignalIsReported() throws {
        #expect(try runProgram(sh("kill -KILL $$")).termination == .killed(signal: SIGKILL))
        #expect(try runProgram(sh("kill -TERM $$")).termination == .killed(signal: SIGTERM))
    }

    @Test func missingProgramIsATypedError() {
        #expect(throws: SpawnError.programNotFound("lt-setup-no-such-program")) {
            _ = try runProgram(["lt-setup-no-such-program", "--help"])
        }
        #expect(SpawnError.programNotFound("foo").message.hasPrefix("program not found: foo"))
    }

    @Test func otherStartFailuresAreTypedErrors() {
        #expect(throws: SpawnError.emptyCommand) { _ = try runProgram([]) }
        #expect(throws: SpawnError.notExecutable("/etc/hostname")) { _ = try runProgram(["/etc/hostname"]) }
        #expect(throws: SpawnError.invalidArgument("a\0b")) { _ = try runProgram(["echo", "a\0b"]) }
        // The value may be a secret: the error names the variable only.
        #expect(throws: SpawnError.invalidArgument("environment variable TOKEN")) {
            _ = try runProgram(["true"], environment: ["TOKEN": "se\0cret"])
        }
    }

    @Test func plannedCommandRunsThroughTheBlockingRunner() throws {
        var lines: [String] = []
        let command = Command(["sh", "-c", "echo \"$GREETING\"; exit 4"], environment: ["GREETING": "hello"])
        let termination = try ProcessRunner().run(command) { lines.append($0) }
        #expect(lines == ["hello"])
        #expect(termination == .exited(code: 4))
    }

    @Test func stdinIsDevNull() throws {
        let outcome = try runProgram(["cat"])
        #expect(outcome.lines.isEmpty)
        #expect(outcome.termination == .exited(code: 0))
        #expect(outcome.seconds < 5)
    }

    @Test func childHasNoControllingTerminal() throws {
        let outcome = try runProgram(sh("echo x > /dev/tty"))
        #expect(outcome.termination != .exited(code: 0))
        #expect(!outcome.lines.contains("x"))
    }

    @Test func childLeadsItsOwnSessionAndGroup() throws {
        let outcome = try runProgram(sh("cat /proc/$$/stat"))
        let line = try #require(outcome.lines.first)
        let afterName = try #require(line.split(separator: ")").last)
        let fields = afterName.split(separator: " ")
        // state ppid pgrp session tty_nr
        #expect(fields[2] == "\(outcome.pid)")
        #expect(fields[3] == "\(outcome.pid)")
        #expect(fields[4] == "0")
    }

    /// Root's environment may have been shaped by someone else: a child gets an allow-list
    /// of it, a fixed PATH, DEBIAN_FRONTEND, and the step's own variables.
    @Test func aChildGetsAnAllowListedEnvironmentAndAFixedPath() throws {
        // (Not LD_PRELOAD itself: the tests' other programs, started meanwhile, would get it.
        // The allow-list treats every name alike.)
        let hostile = ["PYTHONPATH": "/tmp/py", "PERL5OPT": "-Mevil", "LT_SETUP_TEST_HOSTILE": "x",
                       "OPENSSL_CONF": "/tmp/lt-setup-test-openssl.cnf", "CURL_CA_BUNDLE": "/tmp/lt-setup-test-ca.pem"]
        for (name, value) in hostile { setenv(name, value, 1) }
        setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/private-ca.pem", 1)
        setenv("LC_TIME", "C.UTF-8", 1)
        defer {
            for name in hostile.keys { unsetenv(name) }
            unsetenv("REQUESTS_CA_BUNDLE")
            unsetenv("LC_TIME")
        }
        let outcome = try runProgram(sh("env | sort"), environment: ["LT_SETUP_EXTRA": "42", "HOME": "/override"])
        let names = Set(outcome.lines.compactMap { $0.split(separator: "=").first.map(String.init) })
        for name in hostile.keys { #expect(!names.contains(name), "\(name) reached the child") }
        #expect(outcome.lines.contains("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"))
        #expect(outcome.lines.contains("DEBIAN_FRONTEND=noninteractive"))
        #expect(outcome.lines.contains("REQUESTS_CA_BUNDLE=/etc/ssl/private-ca.pem"))
        #expect(outcome.lines.contains("LC_TIME=C.UTF-8"))
        #expect(outcome.lines.contains("LT_SETUP_EXTRA=42"))
        #expect(outcome.lines.contains("HOME=/override"))
        let overridden = try runProgram(sh("echo \"$DEBIAN_FRONTEND\""), environment: ["DEBIAN_FRONTEND": "readline"])
        #expect(overridden.lines == ["readline"])
    }

    /// A program is looked up in the children's PATH, not in lt-setup's own.
    @Test func programsAreFoundInTheFixedPathOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("path-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "#!/bin/sh\necho impostor\n".write(to: folder.appendingPathComponent("lt-setup-test-program"), atomically: true, encoding: .utf8)
        chmod(folder.appendingPathComponent("lt-setup-test-program").path, 0o755)
        #expect(ChildEnvironment.locate("lt-setup-test-program") == nil)
        #expect(ChildEnvironment.locate("sh") == "/usr/bin/sh" || ChildEnvironment.locate("sh") == "/bin/sh")
    }

    @Test func childStartsWithEmptyMaskAndDefaultSignals() throws {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        let oldPipe = signal(SIGPIPE, SIG_IGN)
        defer {
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            signal(SIGPIPE, oldPipe)
        }
        let outcome = try runProgram(["grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"])
        #expect(outcome.lines.contains("SigBlk:\t0000000000000000"))
        let ignored = try #require(outcome.lines.first { $0.hasPrefix("SigIgn:") })
        let mask = try #require(UInt64(ignored.dropFirst("SigIgn:\t".count), radix: 16))
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD] {
            #expect(mask & (1 << UInt64(signal - 1)) == 0, "signal \(signal) is ignored in the child")
        }
    }

    @Test func noDescriptorLeaksIntoTheChild() throws {
        let leaky = open("/dev/null", O_RDONLY)  // deliberately without O_CLOEXEC
        defer { close(leaky) }
        let outcome = try runProgram(sh("ls /proc/$$/fd"))
        #expect(outcome.lines == ["0", "1", "2"])
    }

    @Test func backgroundedGrandchildDoesNotDelayTheExitAndIsNotKilled() throws {
        let outcome = try runProgram(sh("sleep 30 & echo started"))
        let survivors = ProcessGroup.liveMembers(outcome.pid)
        defer { kill(-outcome.pid, SIGKILL) }
        #expect(outcome.lines == ["started"])
        #expect(outcome.termination == .exited(code: 0))
        #expect(outcome.seconds < 5)
        #expect(survivors.count == 1, "the backgrounded sleep must survive the step")
    }

    /// What `service icecast2 restart` does without systemd: the script exits, then the
    /// server it started writes its start-up warnings to the inherited pipe and closes it.
    /// Closing the pipe at the script's exit killed the server with SIGPIPE.
    @Test func aServerThatWritesJustAfterTheStepExitsIsReadAndSurvives() throws {
        let marker = makeTemporaryDirectory()
        defer { removeTree(marker) }
        let outcome = try runProgram(sh("(sleep 0.3; echo late warning; echo alive > \(marker)/alive) & echo started"))
        #expect(outcome.lines == ["started", "late warning"])
        #expect(outcome.termination == .exited(code: 0))
        #expect(eventually(within: .seconds(5)) { readFile("\(marker)/alive") == "alive\n" },
                "the background writer was killed")
    }

    @Test func exitIsNoticedAfterTheChildClosedItsOutput() throws {
        let outcome = try runProgram(sh("echo a; exec >&- 2>&-; sleep 0.2; exit 3"))
        #expect(outcome.lines == ["a"])
        #expect(outcome.termination == .exited(code: 3))
    }

    @Test func pausedConsumerBlocksTheChildOnTheFullPipe() throws {
        let process = try RunningProcess(argv: ["yes", "flood"], options: quickStop)
        // Never serviced: the pipe fills and `yes` must sleep in write(), not run ahead.
        let fd = try #require(process.fileDescriptor)
        var queued: Int32 = 0
        let blocked = eventually {
            _ = ioctl(fd, UInt(FIONREAD), &queued)
            // `yes` blocks once its next write no longer fits, a few KiB short of 64 KiB.
            return queued >= 65536 - 8192 && ProcessGroup.stat(of: process.pid)?.state == "S"
        }
        #expect(blocked, "the pipe holds \(queued) bytes")
        process.cancel()
        var ending: Termination?
        while ending == nil {
            PollLoop().pollOnce(process: process) { if case .exited(let how) = $0 { ending = how } }
        }
        #expect(ending == .cancelled)
    }
}
