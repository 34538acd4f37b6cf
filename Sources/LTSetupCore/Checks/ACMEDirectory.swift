/// An ACME server's directory (RFC 8555 §7.1.1): the JSON document at the server's URL. lt-setup
/// reads one value from it, `meta.termsOfService`, the terms that certbot's `--agree-tos`
/// agrees to on the operator's behalf.
public enum ACMEDirectory {
    /// The terms-of-service address in a directory document, or nil when it names none or
    /// names one that is not a plain URL (it is shown on root's terminal as it is).
    public static func termsOfService(in body: String) -> String? {
        guard let key = body.firstRange(of: "\"termsOfService\"") else { return nil }
        var rest = body[key.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == "\"" else { return nil }
        var value = ""
        var escaped = false
        for character in rest.dropFirst() {
            if escaped {
                // JSON may escape the slash; any other escape has no place in a URL.
                guard character == "/" else { return nil }
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return isPlainURL(value) ? value : nil
            } else {
                value.append(character)
            }
        }
        return nil
    }

    /// A URL of printable ASCII, without spaces or quotes, with a scheme: safe to print and
    /// to copy.
    static func isPlainURL(_ text: String) -> Bool {
        guard (1...2048).contains(text.utf8.count), let colon = text.firstIndex(of: ":"),
              colon != text.startIndex, text[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return false }
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%")
        return text.allSatisfy(allowed.contains)
    }
}

extension ACMEServer {
    /// What starting a run agrees to (certbot registers this server's account with
    /// `--agree-tos`), in lines that fit the Run screen: `terms` is the address preflight
    /// read, nil when it could not.
    public func agreementLines(terms: String?) -> [String] {
        let whose = switch self {
        case .letsEncrypt: "Let's Encrypt's terms of service"
        case .letsEncryptStaging: "Let's Encrypt's terms of service (staging)"
        case .custom(let url): "the terms of service of \(url)"
        }
        guard let terms else {
            return ["The run agrees to \(whose) (certbot --agree-tos);",
                    "lt-setup could not read their address from \(directoryURL)."]
        }
        return ["The run agrees to \(whose) (certbot --agree-tos):", terms]
    }

    /// `agreementLines` as one line, for plain output.
    public func agreement(terms: String?) -> String {
        agreementLines(terms: terms).joined(separator: " ")
    }
}
