import Glibc
import LTSetupCore

/// A minimal HTTP/1.1 client over a socket, for plain-http probes: one GET with `Host:` and
/// `Connection: close`, the status line, the headers and a bounded part of the body. No
/// TLS (curl and openssl do that), no redirects, no chunked decoding (the body is only
/// searched for a few words).
struct HTTPClient {
    var connectTimeout: Duration = .seconds(3)
    var answerTimeout: Duration = .seconds(5)
    /// Bytes read at most: headers and the start of the body.
    var limit = 16 * 1024

    /// A TCP connection to `host:port`, then closed.
    func connect(host: String, port: Int) -> ConnectOutcome {
        switch TCPConnection.open(host: host, port: port, timeout: connectTimeout) {
        case .success(let connection): .connected(connection.address)
        case .failure(let error): .failed(reason: error.message)
        }
    }

    /// `GET path` from `host:port`; `host` may be a name, an IPv4 address or `[v6]`.
    func get(host: String, port: Int, path: String) -> HTTPOutcome {
        let connection: TCPConnection
        switch TCPConnection.open(host: host, port: port, timeout: connectTimeout) {
        case .failure(let error): return .failed(reason: error.message)
        case .success(let opened): connection = opened
        }
        let request = Self.request(host: host, port: port, path: path)
        if case .failure(let error) = connection.send(Array(request.utf8), timeout: answerTimeout) {
            return .failed(reason: error.message)
        }
        switch connection.receive(limit: limit, timeout: answerTimeout, isComplete: Self.isComplete) {
        case .failure(let error): return .failed(reason: error.message)
        case .success(let bytes):
            guard let answer = Self.parse(bytes) else {
                return .failed(reason: bytes.isEmpty ? "the connection closed without an answer" : "the answer is not HTTP")
            }
            return .answered(answer)
        }
    }

    static func request(host: String, port: Int, path: String) -> String {
        let authority = port == 80 ? host : "\(host):\(port)"
        return "GET \(path) HTTP/1.1\r\nHost: \(authority)\r\nUser-Agent: lt-setup\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    }

    /// The answer is whole once its headers ended and as many body bytes as Content-Length
    /// says have come (or when it has no Content-Length, only at the end of the stream).
    static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard let end = headerEnd(bytes), let answer = parse(Array(bytes[..<end])) else { return false }
        guard let length = answer.header("content-length").flatMap({ Int($0) }) else { return false }
        return bytes.count - end >= length
    }

    /// The index just after the blank line that ends the headers.
    static func headerEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// Parses the status line, headers and body; nil when the bytes do not start like HTTP.
    static func parse(_ bytes: [UInt8]) -> HTTPAnswer? {
        let end = headerEnd(bytes) ?? bytes.count
        let head = String(decoding: bytes[..<end], as: UTF8.self)
        var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        guard let statusLine = lines.popFirst(), statusLine.hasPrefix("HTTP/") else { return nil }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let status = Int(parts[1]), (100...999).contains(status) else { return nil }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
            headers.append((line[..<colon].lowercased(), String(value)))
        }
        let body = String(decoding: bytes[end...], as: UTF8.self)
        return HTTPAnswer(status: status, reason: parts.count == 3 ? String(parts[2]) : "", headers: headers, body: body)
    }
}
