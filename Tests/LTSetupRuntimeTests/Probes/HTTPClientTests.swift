import Foundation
import Glibc
import LTSetupCore
@testable import LTSetupRuntime
import Testing

@Suite(.serialized) struct HTTPClientTests {
    @Test func getsLibreTimesVersionFromTheFakeBackend() throws {
        let backend = try LocalServer.backend()
        defer { backend.stop() }
        let outcome = HTTPClient().get(host: "127.0.0.1", port: backend.port, path: "/api/v2/version")
        guard case .answered(let answer) = outcome else {
            Issue.record("no answer: \(outcome)")
            return
        }
        #expect(answer.status == 200)
        #expect(answer.reason == "OK")
        #expect(answer.header("content-type") == "application/json")
        #expect(answer.body.contains("\"api_version\": \"2.0.0\""))
    }

    @Test func sendsHostWithThePortAndResolvesLocalhost() throws {
        let backend = try LocalServer.backend()
        defer { backend.stop() }
        guard case .answered(let answer) = HTTPClient().get(host: "localhost", port: backend.port, path: "/x?y=1") else {
            Issue.record("no answer")
            return
        }
        #expect(answer.body.contains("\"Host\": \"localhost:\(backend.port)\""))
        #expect(answer.body.contains("\"path\": \"/x?y=1\""))
        #expect(answer.body.contains("\"Connection\": \"close\""))
    }

    @Test func reachesAnIPv6LiteralInBrackets() throws {
        let port = LocalServer.freePort()
        let server: LocalServer
        do {
            server = try LocalServer(["python3", "-m", "http.server", "--bind", "::1", String(port)], port: port, host: "[::1]")
        } catch {
            // No IPv6 loopback here (a container without it): nothing to test.
            return
        }
        defer { server.stop() }
        #expect(HTTPClient().connect(host: "[::1]", port: port) == .connected(IPAddress.v6([UInt8](repeating: 0, count: 15) + [1])))
        guard case .answered(let answer) = HTTPClient().get(host: "[::1]", port: port, path: "/") else {
            Issue.record("no answer over IPv6")
            return
        }
        #expect(answer.status == 200)
    }

    @Test func aClosedPortIsRefused() {
        let port = LocalServer.freePort()
        #expect(HTTPClient().connect(host: "127.0.0.1", port: port) == .failed(reason: "connection refused"))
        #expect(HTTPClient().get(host: "127.0.0.1", port: port, path: "/") == .failed(reason: "connection refused"))
    }

    @Test func aServerThatNeverAnswersTimesOut() throws {
        // Listens (the kernel completes the handshake) but never reads or writes.
        let port = LocalServer.freePort()
        let silent = try LocalServer(["python3", "-c", """
            import socket, time
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", \(port))); s.listen(8); time.sleep(60)
            """], port: port)
        defer { silent.stop() }
        let client = HTTPClient(connectTimeout: .seconds(1), answerTimeout: .milliseconds(500))
        let started = ContinuousClock.now
        #expect(client.get(host: "127.0.0.1", port: port, path: "/") == .failed(reason: "no answer within 0 s"))
        #expect(ContinuousClock.now - started < .seconds(3))
    }

    @Test func anUnknownNameSaysSo() {
        guard case .failed(let reason) = HTTPClient().connect(host: "no-such-host.invalid", port: 80) else {
            Issue.record("connected to no-such-host.invalid")
            return
        }
        #expect(reason.hasPrefix("cannot resolve no-such-host.invalid"))
    }

    @Test func answersAreParsedWithTheirHeadersAndBody() throws {
        let bytes = Array("HTTP/1.1 301 Moved Permanently\r\nLocation: https://a.example.org/\r\nContent-Length: 3\r\n\r\nabc".utf8)
        let answer = try #require(HTTPClient.parse(bytes))
        #expect(answer.status == 301)
        #expect(answer.header("location") == "https://a.example.org/")
        #expect(answer.body == "abc")
        #expect(HTTPClient.isComplete(bytes))
        #expect(!HTTPClient.isComplete(Array(bytes.dropLast())))
        #expect(HTTPClient.parse(Array("SSH-2.0-OpenSSH_9.2\r\n".utf8)) == nil)
        #expect(HTTPClient.request(host: "[::1]", port: 8080, path: "/") .contains("Host: [::1]:8080\r\n"))
        #expect(HTTPClient.request(host: "a.example.org", port: 80, path: "/").contains("Host: a.example.org\r\n"))
    }
}
