import Foundation
import Glibc
import Testing

/// `apply` without --yes asks first; an operator who says no (or has no terminal to say yes
/// on) leaves no session behind, which the wizard would otherwise offer to resume.
@Suite struct ApplyConfirmationTests {
    /// Answers that plan against this machine's own files without needing Icecast or
    /// LibreTime: the confirmation comes before anything is run.
    let answers = """
        proxy: nginx
        domain: station.invalid
        https: false

        """

    @Test func withoutATerminalTheRefusalSavesNoSession() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let session = root.url.path + "/state/session.json"
        let result = try CLI.run(["apply", "--answers", try root.answers(answers), "--skip-preflight", "--session", session])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        guard getuid() == 0 else {
            #expect(result.stderr.contains("run it as root"))
            return
        }
        #expect(result.stdout.contains("nothing has been changed"))
        #expect(result.stderr.contains("nothing was changed"))
        #expect(!FileManager.default.fileExists(atPath: session))
        let status = try CLI.run(["status", "--session", session])
        #expect(status.stdout.contains("No session in \(session)"), "\(status.stdout)")
    }

    /// What the run takes off the air, and how long it takes, come with the list of steps
    /// (in the confirmation and the plain wizard too).
    @Test func theDryRunSaysWhatGoesOffTheAir() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["apply", "--answers", try root.answers(answers), "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\nWhile it runs:\n"), "\(result.stdout)")
        #expect(result.stdout.contains("\n  A run usually takes "))
    }

    @Test func answeringNoOnATerminalSavesNoSession() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let session = root.url.path + "/state/session.json"
        let terminal = try PseudoTerminal()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["apply", "--answers", try root.answers(answers), "--skip-preflight", "--session", session]
        process.standardInput = terminal.follower
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        terminal.type("n\n")
        let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(transcript)")
        guard getuid() == 0 else { return }
        #expect(transcript.contains("Apply these steps to this server now? [y/N] "), "\(transcript)")
        #expect(transcript.contains("nothing was changed"))
        #expect(!FileManager.default.fileExists(atPath: session))
    }
}

/// A pseudo-terminal: the follower side is a child's standard input, on which `isatty` is
/// true; what is typed on the leader side arrives there as a terminal's line.
final class PseudoTerminal {
    let leader: Int32
    let follower: FileHandle

    init() throws {
        // posix_openpt and friends are not in Swift's Glibc module: the same through
        // /dev/ptmx, with Linux's TIOCSPTLCK and TIOCGPTN (from <asm-generic/ioctls.h>,
        // whose _IOW/_IOR macros Swift cannot import).
        leader = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard leader >= 0, ioctl(leader, UInt(0x4004_5431), &unlock) == 0,
              ioctl(leader, UInt(0x8004_5430), &number) == 0 else {
            throw POSIXError(.ENOTTY)
        }
        let fd = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        guard fd >= 0 else { throw POSIXError(.ENOTTY) }
        follower = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    deinit { close(leader) }

    func type(_ text: String) {
        _ = text.withCString { write(leader, $0, strlen($0)) }
    }
}
