/// Why one value is refused, in words for the operator; the field is added by the caller.
public struct ValueProblem: Error, Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public let message: String

    public init(stringLiteral value: String) {
        message = value
    }

    public init(stringInterpolation: DefaultStringInterpolation) {
        message = String(stringInterpolation: stringInterpolation)
    }

    public var description: String { message }
}
