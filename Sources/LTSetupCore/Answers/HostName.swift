/// Host names by RFC 1123: letters, digits and inner hyphens, labels of 1 to 63 characters,
/// 253 characters in all.
public enum HostName {
    /// Validates the station's public domain and returns it lowercased.
    ///
    /// International names are refused rather than converted: converting needs the IDNA
    /// mapping tables (case folding, normalisation), and a wrong conversion would request a
    /// certificate for a name nobody owns. The operator enters the ASCII form (`xn--…`), which
    /// their registrar shows and which is accepted like any other label.
    public static func validatePublicDomain(_ text: String) -> Result<String, ValueProblem> {
        if text.unicodeScalars.contains(where: { !$0.isASCII }) {
            return .failure("has non-ASCII characters; enter the name's ASCII form (the xn-- form your registrar shows, e.g. xn--rdio-loa.example for rädio.example)")
        }
        if text.hasSuffix(".") {
            return .failure("must not end with a dot; write the name without it")
        }
        if text.contains("*") {
            return .failure("must be one exact name: wildcards need a DNS challenge, which lt-setup does not do")
        }
        if text.hasPrefix("[") || IPv4.isAddress(text) || text.contains(":") {
            return .failure("must be a DNS name, not an IP address: certificates are issued for names")
        }
        let lowered = text.lowercased()
        if case .failure(let message) = syntax(lowered) { return .failure(message) }
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count < 2 {
            return .failure("needs at least one dot, e.g. libretime.example.org; a bare name cannot get a public certificate")
        }
        if let last = labels.last, last.allSatisfy(\.isNumber) {
            return .failure("must end in a top-level domain such as .org, not a number")
        }
        return .success(lowered)
    }

    /// Checks RFC 1123 syntax only (a single label such as `localhost` is fine).
    public static func syntax(_ text: String) -> Result<Void, ValueProblem> {
        if text.isEmpty { return .failure("is empty") }
        if text.utf8.count > 253 {
            return .failure("is \(text.utf8.count) characters long; a DNS name has at most 253")
        }
        for label in text.split(separator: ".", omittingEmptySubsequences: false) {
            if label.isEmpty { return .failure("has an empty label (two dots in a row, or a leading dot)") }
            if label.utf8.count > 63 {
                return .failure("has a label of \(label.utf8.count) characters; each part between dots has at most 63")
            }
            for byte in label.utf8 where !(isLetterOrDigit(byte) || byte == UInt8(ascii: "-")) {
                return .failure("has the character \(describe(byte)); only letters, digits, hyphens and dots are allowed")
            }
            if label.first == "-" || label.last == "-" {
                return .failure("has a part that starts or ends with a hyphen, which DNS does not allow")
            }
        }
        return .success(())
    }

    static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x20: "space"
        case 0x0A: "newline"
        case 0x09: "tab"
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "0x\(String(byte, radix: 16))"
        }
    }
}

/// Dotted-quad IPv4 addresses.
public enum IPv4 {
    public static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && part.allSatisfy(\.isNumber)
                && Int(part).map { $0 <= 255 } == true
        }
    }
}

/// Bracketed IPv6 literals as they appear in URLs (`[::1]`): hex groups and colons, with an
/// optional trailing dotted IPv4 part.
public enum IPv6 {
    public static func isBracketedAddress(_ text: String) -> Bool {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return false }
        let inner = text.dropFirst().dropLast()
        guard inner.count >= 2, inner.contains(":") else { return false }
        let allowed = inner.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        let groups = inner.split(separator: ":", omittingEmptySubsequences: false)
        let doubleColons = inner.components(separatedBy: "::").count - 1
        return allowed && groups.count <= 8 && doubleColons <= 1
            && groups.allSatisfy { $0.count <= 4 || ($0.contains(".") && IPv4.isAddress(String($0))) }
    }
}

/// Port numbers.
public enum Port {
    public static func parse(_ text: String) -> Result<Int, ValueProblem> {
        guard !text.isEmpty, text.utf8.count <= 5, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let port = Int(text), (1...65535).contains(port) else {
            return .failure("must be a port number from 1 to 65535")
        }
        return .success(port)
    }
}

extension Substring {
    /// Splits on a separator string without Foundation.
    func components(separatedBy separator: String) -> [Substring] {
        var parts: [Substring] = []
        var rest = self[...]
        while let range = rest.firstRange(of: separator) {
            parts.append(rest[..<range.lowerBound])
            rest = rest[range.upperBound...]
        }
        parts.append(rest)
        return parts
    }
}
