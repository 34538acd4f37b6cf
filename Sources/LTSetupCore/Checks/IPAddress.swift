/// An IPv4 or IPv6 address as bytes, with the classifications the domain check needs. Pure:
/// the runtime builds it from a `sockaddr`, tests from text.
public enum IPAddress: Sendable, Hashable, CustomStringConvertible {
    case v4([UInt8])
    case v6([UInt8])

    /// Parses dotted-quad IPv4 or IPv6 text (`::1`, `2001:db8::10`, `::ffff:192.0.2.1`);
    /// nil for anything else. No brackets, no zone (`%eth0`).
    public init?(_ text: String) {
        if IPv4.isAddress(text) {
            self = .v4(text.split(separator: ".").compactMap { UInt8($0) })
        } else if let bytes = Self.parseV6(text) {
            self = .v6(bytes)
        } else {
            return nil
        }
    }

    public var isIPv6: Bool {
        if case .v6 = self { return true }
        return false
    }

    /// 127.0.0.0/8 and ::1.
    public var isLoopback: Bool {
        switch self {
        case .v4(let b): b.first == 127
        case .v6(let b): b == [UInt8](repeating: 0, count: 15) + [1]
        }
    }

    /// Addresses that cannot be reached from the Internet: RFC 1918, carrier-grade NAT
    /// (100.64/10), link-local, loopback, and IPv6 unique-local (fc00::/7) and link-local
    /// (fe80::/10).
    public var isPrivate: Bool {
        switch self {
        case .v4(let b):
            guard b.count == 4 else { return false }
            return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (16...31).contains(b[1]))
                || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && (64...127).contains(b[1]))
        case .v6(let b):
            guard b.count == 16 else { return false }
            return isLoopback || (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
        }
    }

    /// Dotted quad, or RFC 5952 IPv6 text (lowercase, the longest run of zero groups as `::`).
    public var description: String {
        switch self {
        case .v4(let b): return b.map(String.init).joined(separator: ".")
        case .v6(let b):
            guard b.count == 16 else { return "?" }
            let groups = (0..<8).map { Int(b[$0 * 2]) << 8 | Int(b[$0 * 2 + 1]) }
            var best: Range<Int>?
            var start: Int?
            for index in 0...8 {
                if index < 8, groups[index] == 0 {
                    if start == nil { start = index }
                } else if let first = start {
                    if index - first >= 2, index - first > (best?.count ?? 0) { best = first..<index }
                    start = nil
                }
            }
            let hex = groups.map { String($0, radix: 16) }
            guard let best else { return hex.joined(separator: ":") }
            return hex[..<best.lowerBound].joined(separator: ":") + "::" + hex[best.upperBound...].joined(separator: ":")
        }
    }

    private static func parseV6(_ text: String) -> [UInt8]? {
        guard text.contains(":"), text.utf8.count <= 45 else { return nil }
        var tail: [UInt8] = []
        var body = Substring(text)
        // An embedded IPv4 part at the end, as in ::ffff:192.0.2.1.
        if let lastColon = text.lastIndex(of: ":"), text[lastColon...].contains(".") {
            let v4 = String(text[text.index(after: lastColon)...])
            guard IPv4.isAddress(v4) else { return nil }
            tail = v4.split(separator: ".").compactMap { UInt8($0) }
            body = text[...lastColon]
            if body.hasSuffix(":") && !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        let tailGroups = tail.isEmpty ? 0 : 2
        var all: [UInt16]
        if halves.count == 2 {
            guard let rest = groups(halves[1]) else { return nil }
            let missing = 8 - tailGroups - head.count - rest.count
            guard missing >= 1 else { return nil }
            all = head + [UInt16](repeating: 0, count: missing) + rest
        } else {
            all = head
            guard all.count + tailGroups == 8 else { return nil }
        }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] } + tail
    }
}
