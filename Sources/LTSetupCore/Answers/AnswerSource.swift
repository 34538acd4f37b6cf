/// Where the operator gives the answers: advice that asks to change one must say how, in the
/// front end that shows it (the wizard has no answers file).
public enum AnswerSource: Sendable, Equatable {
    case answersFile
    case wizard
    /// The wizard's line-by-line form (no terminal, or TERM=dumb): questions on stdin.
    case lineByLine

    /// "set backend: VALUE in the answers file", or in the wizard "go back to Details (Esc)
    /// and set Backend to VALUE"; without a value, the key alone.
    public func set(_ key: AnswerKey, to value: String? = nil) -> String {
        switch self {
        case .answersFile:
            "set \(key.rawValue): \(value.map { "\($0) " } ?? "")in the answers file"
        case .wizard:
            "go back to Details (Esc) and " + (value.map { "set \(key.formLabel) to \($0)" } ?? "change \(key.formLabel)")
        case .lineByLine:
            "run lt-setup again and " + (value.map { "answer \(key.formLabel) with \($0)" } ?? "give another \(key.formLabel)")
        }
    }

    /// How to go on although LibreTime does not answer at the backend, as the end of a
    /// sentence: each front end names only what it has.
    public var goOnAnyway: String {
        switch self {
        case .answersFile: "add --allow-unreachable-backend"
        case .wizard: "press g on this screen (it asks first)"
        case .lineByLine: "write the answers to a file and run sudo lt-setup apply --answers FILE --allow-unreachable-backend"
        }
    }

    /// How to resume an unfinished session, as the middle of a sentence.
    public var resumeAdvice: String {
        switch self {
        case .answersFile: "run `sudo lt-setup apply --answers FILE` with the same answers file"
        case .wizard: "run `sudo lt-setup` and choose Resume (the wizard kept its answers)"
        case .lineByLine: "run `sudo lt-setup` again and give the same answers"
        }
    }
}
