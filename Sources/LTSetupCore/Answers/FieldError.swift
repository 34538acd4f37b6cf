/// One answer that cannot be used, with what is allowed instead.
public struct FieldError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key as the operator wrote it (an unknown key is reported under its own name).
    public let field: String
    /// The offending value, shown escaped so that control characters are visible.
    public let value: String
    /// What is wrong and what is allowed.
    public let message: String

    public init(field: String, value: String, message: String) {
        self.field = field
        self.value = value
        self.message = message
    }

    public init(_ key: AnswerKey, _ value: String, _ message: String) {
        self.init(field: key.rawValue, value: value, message: message)
    }

    public var description: String {
        value.isEmpty ? "\(field): \(message)" : "\(field): \(Self.visible(value)): \(message)"
    }

    /// The value quoted, with control characters and non-ASCII shown as escapes and long
    /// values shortened, so that a hostile value cannot disturb the terminal.
    public static func visible(_ value: String) -> String {
        var out = "\""
        var count = 0
        for scalar in value.unicodeScalars {
            count += 1
            if count > 60 {
                out += "…"
                break
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out + "\""
    }
}

/// Every problem found in a set of answers; nothing is written or run while there is one.
public struct AnswersError: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [FieldError]

    public init(_ problems: [FieldError]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
