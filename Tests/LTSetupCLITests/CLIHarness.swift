import Foundation
import Testing

/// Runs the built `lt-setup` binary, as an operator would.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary `swift build` made (the test command builds it before the tests run).
    static var binary: String {
        let environment = ProcessInfo.processInfo.environment["LT_SETUP_BINARY"]
        return environment ?? repository.appendingPathComponent(".build/debug/lt-setup").path
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary; `environment` entries are added to the test's own environment, and
    /// `input`, when given, is its standard input.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                    input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let inputPipe = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        try process.run()
        if let input {
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        }
        // Both pipes are drained concurrently so that neither can fill up and block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A server tree in a temporary folder, for `--root`.
struct FixtureRoot {
    let url: URL

    init(libretime: Bool = true, icecast: Bool = true) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("lt-setup-root-\(UUID().uuidString)")
        try write("/var/lib/dpkg/status", "Package: nginx\nStatus: install ok installed\nVersion: 1.22.1-9\n\n"
            + "Package: icecast2\nStatus: install ok installed\nVersion: 2.4.4-4\n")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("run/systemd/system"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: url.appendingPathComponent("etc/nginx/sites-enabled"),
                                                withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.appendingPathComponent("etc/nginx/sites-enabled/default").path,
                                                   withDestinationPath: "/etc/nginx/sites-available/default")
        if icecast { try write("/etc/icecast2/icecast.xml", Self.icecastXML) }
        if libretime { try write("/etc/libretime/config.yml", Self.libretimeConfig) }
    }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(String(path.dropFirst()))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    func answers(_ text: String) throws -> String {
        let file = url.appendingPathComponent("answers-\(UUID().uuidString).yml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }

    static let icecastXML = """
        <icecast>
            <listen-socket>
                <port>8000</port>
            </listen-socket>
            <!--
            <listen-socket>
                <port>8443</port>
                <ssl>1</ssl>
            </listen-socket>
            -->
            <paths>
                <logdir>/var/log/icecast2</logdir>
            </paths>
        </icecast>

        """

    static let libretimeConfig = """
        general:
          public_url: http://localhost:8080
          api_key: some-secret
        stream:
          outputs:
            icecast:
              - enabled: true
                public_url:
                mount: main

        """
}

/// The binary in a conversation over pipes, as `ssh host lt-setup` without `-t` runs it: its
/// standard input stays open, and each answer is sent only once the question has arrived.
final class Conversation {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private(set) var transcript = ""

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Waits until the output so far contains `text`, reading whatever arrives for up to
    /// `seconds`; false when it did not arrive.
    func waitFor(_ text: String, seconds: Double = 3) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        let fd = output.fileHandleForReading.fileDescriptor
        while !transcript.contains(text) {
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return false }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, Int32(left * 1000)) > 0 else { continue }
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &buffer, buffer.count)
            guard count > 0 else { return transcript.contains(text) }
            transcript += String(decoding: buffer[..<count], as: UTF8.self)
        }
        return true
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Closes its input and waits for it to end; its exit status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        _ = waitFor("\u{0}", seconds: 10)
        process.waitUntilExit()
        return process.terminationStatus
    }
}
