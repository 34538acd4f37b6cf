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
