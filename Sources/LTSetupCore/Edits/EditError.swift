/// An existing config file that lt-setup cannot edit safely, with what to do about it.
public struct EditError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
