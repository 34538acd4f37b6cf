/// The numbers of a Debian package version's upstream part: `2.1.0` of `1:2.1.0-4+b1`.
public struct UpstreamVersion: Sendable, Equatable, Comparable, CustomStringConvertible {
    public let numbers: [Int]

    /// Drops an epoch (`1:`) and the Debian revision (`-4`), then reads the leading
    /// dot-separated numbers; nil when there are none.
    public init?(debian version: String) {
        var upstream = Substring(version)
        if let colon = upstream.firstIndex(of: ":") { upstream = upstream[upstream.index(after: colon)...] }
        if let dash = upstream.lastIndex(of: "-") { upstream = upstream[..<dash] }
        var numbers: [Int] = []
        for part in upstream.split(separator: ".") {
            let digits = part.prefix(while: \.isNumber)
            guard let number = Int(digits) else { break }
            numbers.append(number)
            if digits.count != part.count { break }
        }
        guard !numbers.isEmpty else { return nil }
        self.numbers = numbers
    }

    public init(_ numbers: Int...) {
        self.numbers = numbers
    }

    public static func < (lhs: UpstreamVersion, rhs: UpstreamVersion) -> Bool {
        for index in 0..<max(lhs.numbers.count, rhs.numbers.count) {
            let left = index < lhs.numbers.count ? lhs.numbers[index] : 0
            let right = index < rhs.numbers.count ? rhs.numbers[index] : 0
            if left != right { return left < right }
        }
        return false
    }

    public static func == (lhs: UpstreamVersion, rhs: UpstreamVersion) -> Bool {
        !(lhs < rhs) && !(rhs < lhs)
    }

    public var description: String { numbers.map(String.init).joined(separator: ".") }
}
