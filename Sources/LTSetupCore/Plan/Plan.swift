/// The complete, ordered plan of the guide for one set of answers on one server.
public struct Plan: Sendable, Equatable {
    public static let formatVersion = 1

    public let answers: Answers
    public let steps: [Step]
    /// Facts about the server the plan relied on (no systemd, no LibreTime config...), for
    /// the operator.
    public let notes: [String]
    /// How services are restarted here.
    public let serviceManagerName: String

    public init(answers: Answers, steps: [Step], notes: [String], serviceManagerName: String) {
        self.answers = answers
        self.steps = steps
        self.notes = notes
        self.serviceManagerName = serviceManagerName
    }

    public func step(_ id: StepID) -> Step? {
        steps.first { $0.id == id }
    }

    /// Identifies the plan by what the operator asked for: it is the same for the same answers
    /// and version of lt-setup, however far the plan has run, and changes when an answer does.
    public var fingerprint: String {
        var text = "lt-setup plan v\(Plan.formatVersion)\n"
        for key in AnswerKey.allCases {
            text += "\(key.rawValue)=\(answers.raw[key] ?? "")\n"
        }
        for step in steps { text += "step \(step.id.rawValue)\n" }
        return SHA256.hex(Array(text.utf8))
    }

    /// Every file the plan would write, with its change against the disk.
    public var fileWrites: [FileWrite] {
        steps.filter { $0.status.willRun }.flatMap(\.writes)
    }
}
