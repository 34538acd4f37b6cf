/// One line of a step's log pane.
public struct LogLine: Equatable, Sendable {
    public enum Kind: Sendable {
        /// An action starting: `$ nginx -t`, `write /etc/…`.
        case action
        /// What the step's program printed.
        case output
        /// A line lt-setup adds (a retry began).
        case note
    }

    public let text: String
    public let kind: Kind

    public init(_ text: String, _ kind: Kind = .output) {
        self.text = text
        self.kind = kind
    }

    /// The longest line kept, in characters: a program that prints megabytes without a
    /// newline cannot make one line take more.
    public static let maximumLength = 1000

    /// A line made fit for the pane: escape sequences (colours, cursor moves) removed, tabs
    /// as spaces, other control characters dropped, and at most `maximumLength` characters.
    public static func sanitized(_ text: String) -> String {
        var out = ""
        var count = 0
        var escape: Escape = .none
        for scalar in text.unicodeScalars {
            if count >= maximumLength { break }
            switch escape {
            case .started:
                escape = scalar == "[" ? .csi : .none
                continue
            case .csi:
                // A CSI sequence ends with a byte from @ to ~.
                if (0x40...0x7E).contains(scalar.value) { escape = .none }
                continue
            case .none:
                break
            }
            if scalar == "\u{1B}" {
                escape = .started
            } else if scalar == "\t" {
                out += "    "
                count += 4
            } else if scalar.value >= 0x20, scalar.value != 0x7F, !(0x80..<0xA0).contains(scalar.value) {
                out.unicodeScalars.append(scalar)
                count += 1
            }
        }
        return out
    }

    enum Escape { case none, started, csi }
}

/// The last `capacity` lines of a step's log: memory stays bounded whatever a step prints.
/// The full log is on disk.
public struct LogRing: Equatable, Sendable {
    public let capacity: Int
    private var storage: [LogLine] = []
    /// Where the oldest kept line is in `storage`, once it is full.
    private var start = 0
    /// Every line ever appended, kept or not.
    public private(set) var total = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }
    /// Lines that were dropped to make room.
    public var dropped: Int { total - storage.count }

    /// Adds the newest line, dropping the oldest when full.
    public mutating func append(_ line: LogLine) {
        total += 1
        if storage.count < capacity {
            storage.append(line)
        } else {
            storage[start] = line
            start = (start + 1) % capacity
        }
    }

    /// The kept line at `index`, 0 being the oldest.
    public subscript(index: Int) -> LogLine {
        storage[(start + index) % storage.count]
    }

    /// Up to `count` kept lines from `first` on, oldest first.
    public func lines(from first: Int, count: Int) -> [LogLine] {
        let lower = max(0, first)
        let upper = min(storage.count, first + count)
        guard lower < upper else { return [] }
        return (lower..<upper).map { self[$0] }
    }

    /// The newest kept line.
    public var last: LogLine? { storage.isEmpty ? nil : self[storage.count - 1] }
}
