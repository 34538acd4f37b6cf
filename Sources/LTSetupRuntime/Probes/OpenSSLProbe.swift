import LTSetupCore

/// Certificates through the `openssl` program: what a file holds, and what a server serves.
struct OpenSSLProbe {
    var trust: TrustedCAs
    var timeout: Duration = .seconds(10)

    /// `openssl x509` on a PEM file; nil when openssl is missing or the file is not one.
    func certificateInfo(path: String) -> CertificateInfo? {
        let argv = ["openssl", "x509", "-in", path, "-noout", "-subject", "-ext", "subjectAltName", "-enddate", "-checkend", "0"]
        guard let output = ProgramOutput.run(argv, timeout: timeout) else { return nil }
        return CertificateText.info(fromOpenSSL: output.text)
    }

    /// A handshake with `openssl s_client`, which resolves `host` as the system does, sends
    /// `serverName` and checks the chain and the name. Its stdin is /dev/null, so it ends
    /// right after the handshake.
    func servedCertificate(host: String, port: Int, serverName: String) -> TLSHandshake {
        let argv = ["openssl", "s_client", "-connect", "\(host):\(port)", "-servername", serverName,
                    "-verify_hostname", serverName] + trust.opensslArguments
        guard let output = ProgramOutput.run(argv, timeout: timeout) else {
            return .failed(reason: "openssl is not installed (sudo apt-get install openssl)")
        }
        if output.termination == .timedOut {
            return .failed(reason: "no handshake within \(timeout.wholeSeconds) s")
        }
        return Self.handshake(fromSClient: output.text)
    }

    /// Reads s_client's output: the server's certificate and its verification, or the
    /// reason there was no handshake.
    static func handshake(fromSClient text: String) -> TLSHandshake {
        guard let leaf = CertificateText.firstPEMBlock(in: text) else {
            return .failed(reason: failureReason(text))
        }
        var verification: String? = "no verification result"
        for line in text.split(separator: "\n") where line.contains("Verify return code:") {
            let result = line.split(separator: ":", maxSplits: 1).last?.drop(while: { $0 == " " }) ?? ""
            verification = result.hasPrefix("0 ") ? nil : String(result)
        }
        return .established(leafPEM: leaf, verificationError: verification)
    }

    /// The reason part of openssl's first error line (`…:error:CODE:LIBRARY:FUNCTION:REASON:FILE:LINE:`),
    /// else its last line.
    static func failureReason(_ text: String) -> String {
        for line in text.split(separator: "\n") where line.contains(":error:") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            if fields.count > 5, !fields[5].isEmpty { return fields[5].lowercased() }
        }
        if text.contains("no peer certificate available") { return "no certificate was sent" }
        return text.split(separator: "\n").last.map(String.init) ?? "no TLS handshake"
    }
}
