/// Reading certificates as text: PEM blocks, SHA-256 fingerprints, `openssl x509` output and
/// certbot's renewal files. Pure, so that the checks can compare what a server serves with
/// the files on disk without another program.
public enum CertificateText {
    /// The DER bytes of each `CERTIFICATE` block in PEM text, in order.
    public static func certificates(inPEM text: String) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var base64 = ""
        var inside = false
        for line in text.split(separator: "\n") {
            let trimmed = String(line.filter { $0 != "\r" }.trimmingSpaces())
            if trimmed == "-----BEGIN CERTIFICATE-----" {
                inside = true
                base64 = ""
            } else if trimmed == "-----END CERTIFICATE-----" {
                if inside, let der = decodeBase64(base64) { result.append(der) }
                inside = false
            } else if inside {
                base64 += trimmed
            }
        }
        return result
    }

    /// The first certificate block of PEM text, with its BEGIN and END lines.
    public static func firstPEMBlock(in text: String) -> String? {
        guard let begin = text.firstRange(of: "-----BEGIN CERTIFICATE-----"),
              let end = text[begin.upperBound...].firstRange(of: "-----END CERTIFICATE-----") else { return nil }
        return String(text[begin.lowerBound..<end.upperBound]) + "\n"
    }

    /// `AA:BB:…`: SHA-256 of the first certificate's DER bytes, as `openssl x509 -fingerprint
    /// -sha256` prints it; nil when the text holds no certificate.
    public static func fingerprint(ofPEM text: String) -> String? {
        guard let der = certificates(inPEM: text).first else { return nil }
        let digits = Array("0123456789ABCDEF")
        return SHA256.digest(der).map { String([digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]]) }
            .joined(separator: ":")
    }

    /// Standard base64 (RFC 4648), ignoring nothing: nil on any other character.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for scalar in text.unicodeScalars {
            let value: UInt32
            switch scalar {
            case "A"..."Z": value = scalar.value - 65
            case "a"..."z": value = scalar.value - 97 + 26
            case "0"..."9": value = scalar.value - 48 + 52
            case "+": value = 62
            case "/": value = 63
            case "=": continue
            default: return nil
            }
            buffer = (buffer << 6) | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return bytes
    }

    /// Reads `openssl x509 -noout -subject -ext subjectAltName -enddate -checkend 0` output
    /// (stderr merged in); nil when it holds no subject or end date.
    public static func info(fromOpenSSL output: String) -> CertificateInfo? {
        var subject: String?
        var notAfter: String?
        var names: [String] = []
        var expired = false
        var sanFollows = false
        for line in output.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("subject=") {
                subject = String(trimmed.dropFirst("subject=".count))
            } else if trimmed.hasPrefix("notAfter=") {
                notAfter = String(trimmed.dropFirst("notAfter=".count))
            } else if trimmed.hasPrefix("X509v3 Subject Alternative Name") {
                sanFollows = true
                continue
            } else if sanFollows {
                names = trimmed.split(separator: ",").compactMap { entry in
                    let entry = entry.drop(while: { $0 == " " })
                    return entry.hasPrefix("DNS:") ? entry.dropFirst(4).lowercased() : nil
                }
            } else if trimmed == "Certificate will expire" {
                expired = true
            }
            sanFollows = false
        }
        guard let subject, let notAfter else { return nil }
        return CertificateInfo(subject: subject, dnsNames: names, notAfter: notAfter, expired: expired)
    }

    /// The `cert = PATH` value of a certbot renewal file (`renewal/NAME.conf`).
    public static func renewalCertificatePath(_ renewalConf: String) -> String? {
        renewalValue("cert", in: renewalConf)
    }

    /// The `server = URL` value of a certbot renewal file: the ACME directory the lineage's
    /// certificate came from (certbot always records it). Nil unless it is a plain URL: it
    /// is shown to the operator.
    public static func renewalServer(_ renewalConf: String) -> String? {
        renewalValue("server", in: renewalConf).flatMap { ACMEDirectory.isPlainURL($0) ? $0 : nil }
    }

    /// The first `KEY = VALUE` line of a renewal file with that key.
    static func renewalValue(_ key: String, in renewalConf: String) -> String? {
        for line in renewalConf.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingSpaces() == key else { continue }
            let value = parts[1].trimmingSpaces()
            return value.isEmpty ? nil : String(value)
        }
        return nil
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    func trimmingSpaces() -> SubSequence {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
