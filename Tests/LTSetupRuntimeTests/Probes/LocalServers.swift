import Foundation
import Glibc
@testable import LTSetupRuntime

/// Real servers on the loopback for the probe tests, each a child process of the test that
/// it stops by its own pid.
final class LocalServer {
    let process: Process
    let port: Int

    /// Starts `argv` (which must listen on `port`) and waits until `host:port` accepts.
    init(_ argv: [String], port: Int, host: String = "127.0.0.1", directory: String? = nil) throws {
        self.port = port
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let ready = eventually(within: .seconds(15)) {
            if case .connected = HTTPClient(connectTimeout: .milliseconds(200)).connect(host: host, port: port) { return true }
            return false
        }
        if !ready {
            stop()
            throw ServerError(message: "\(argv.joined(separator: " ")) did not listen on \(host):\(port)")
        }
    }

    var pid: Int { Int(process.processIdentifier) }

    /// SIGKILL, by pid: Foundation starts children with the signal mask of the thread that
    /// spawned them, where a test runner's worker thread blocks SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        stop()
    }

    /// A port nothing listens on right now (bound to 0, read back, released).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length)
                return getsockname(fd, raw, &length)
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The repository's fake LibreTime backend (tests/e2e/backend.py).
    static func backend() throws -> LocalServer {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("tests/e2e/backend.py").path
        let port = freePort()
        return try LocalServer(["python3", script, "--port", String(port)], port: port)
    }
}

struct ServerError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// A throw-away self-signed certificate for `localhost` (and 127.0.0.1), made with openssl
/// in a temporary folder: `cert.pem`, `key.pem`.
struct ThrowAwayCertificate {
    let directory: String
    var certificate: String { directory + "/cert.pem" }
    var key: String { directory + "/key.pem" }

    init(name: String = "localhost") throws {
        directory = makeTemporaryDirectory()
        let made = try ProcessRunner().run(argv: [
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem", "-days", "2",
            "-subj", "/CN=\(name)", "-addext", "subjectAltName=DNS:\(name),IP:127.0.0.1",
        ]) { _ in }
        guard made.succeeded else { throw ServerError(message: "openssl req failed: \(made)") }
    }

    /// `openssl s_server` serving it on 127.0.0.1 (`-www`: a status page for any GET).
    func server() throws -> LocalServer {
        let port = LocalServer.freePort()
        return try LocalServer(["openssl", "s_server", "-accept", "127.0.0.1:\(port)", "-cert", certificate,
                                "-key", key, "-www", "-quiet"], port: port)
    }

    func remove() {
        removeTree(directory)
    }
}
