import Glibc
import LTSetupCore

/// HTTPS requests through the `curl` program, which resolves names as the system does and
/// verifies the chain and the name against the trusted CAs.
struct CurlProbe {
    var trust: TrustedCAs
    /// Where the upload's body is written for a moment (the runner gives programs no stdin).
    var temporaryDirectory: String = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"

    static let marker = "lt-setup-curl"
    /// One line at the end: status and redirect target, by tabs. Only variables that every
    /// curl stations have knows: `%{exitcode}` and `%{errormsg}` came in 7.75, and Debian 11
    /// has 7.74, which prints them empty. The exit code is curl's own, and `-S` writes the
    /// error message (`curl: (6) Could not resolve host: …`).
    static let writeOut = "\n\(marker)\t%{http_code}\t%{redirect_url}\n"

    func fetch(_ url: String, timeoutSeconds: Int) -> WebOutcome {
        run(["-o", "/dev/null", url], timeoutSeconds: timeoutSeconds)
    }

    /// The body comes on stdout before the write-out line; its first KiBs are kept.
    func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome {
        run(["--max-filesize", "65536", url], timeoutSeconds: timeoutSeconds)
    }

    /// POSTs `bytes` bytes of text to `url` as an upload would (`Expect: 100-continue`
    /// included, as curl sends it for large bodies).
    func upload(_ url: String, bytes: Int) -> WebOutcome {
        var template = Array("\(temporaryDirectory)/lt-setup-upload-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { return .failed(curlExit: 26, message: "cannot create a temporary file in \(temporaryDirectory)") }
        // mkstemp filled in the X's; the name ends at the terminating NUL.
        let path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        let line = Array("lt-setup upload check: nothing to keep here.\n".utf8)
        var body: [UInt8] = []
        body.reserveCapacity(bytes)
        while body.count < bytes { body += line }
        body.removeLast(body.count - bytes)
        let written = body.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes else { return .failed(curlExit: 26, message: "cannot write \(path)") }
        return run(["-o", "/dev/null", "-H", "Content-Type: application/octet-stream", "--data-binary", "@\(path)", url],
                   timeoutSeconds: 60)
    }

    private func run(_ arguments: [String], timeoutSeconds: Int) -> WebOutcome {
        // -q first: no ~/.curlrc; only http and https, even on redirects; URLs (some read from
        // config.yml) taken literally, without curl's [] {} globbing.
        let argv = ["curl", "-q", "-sS", "--proto", "=http,https", "--proto-redir", "=http,https", "--globoff",
                    "--max-time", String(timeoutSeconds), "-w", Self.writeOut] + trust.curlArguments + arguments
        // The runner's own limit is a backstop only: curl keeps to --max-time.
        guard let output = ProgramOutput.run(argv, timeout: .seconds(timeoutSeconds + 10)) else { return .curlMissing }
        return Self.outcome(output.lines, termination: output.termination)
    }

    /// Reads the write-out line, and curl's exit code and error line when no status came. A
    /// transfer cut by --max-time after the status came (a live stream) counts as answered.
    static func outcome(_ lines: [String], termination: Termination) -> WebOutcome {
        let exit: Int32 = if case .exited(let code) = termination { code } else { -1 }
        guard let line = lines.last(where: { $0.hasPrefix(marker + "\t") }) else {
            return .failed(curlExit: Int(exit), message: "curl said: \(lines.suffix(3).joined(separator: " "))")
        }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false).dropFirst().map(String.init)
        guard fields.count >= 2, let status = Int(fields[0]) else {
            return .failed(curlExit: -1, message: "unreadable curl output: \(line)")
        }
        if status != 0 {
            let body = lines.prefix { !$0.hasPrefix(marker + "\t") && !$0.hasPrefix("curl: (") }
                .joined(separator: "\n").prefix(4096)
            return .answered(status: status, location: fields[1].isEmpty ? nil : fields[1], body: String(body))
        }
        // "curl: (6) Could not resolve host: x.invalid"
        let error = lines.last(where: { $0.hasPrefix("curl: (") }).map { line in
            guard let close = line.range(of: ") ") else { return line }
            return String(line[close.upperBound...])
        }
        return .failed(curlExit: Int(exit), message: error ?? "curl exited with code \(exit)")
    }
}
