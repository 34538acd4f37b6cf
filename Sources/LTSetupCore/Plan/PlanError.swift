/// Why no plan can be made for these answers on this server, and what to do.
public struct PlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
