import Foundation
import LTSetupCore

/// What the wizard has been told before its run starts: the answers as typed (valid or not
/// yet), the screen the operator is on, and when. A run's session file holds the answers
/// from then on, and the draft is removed.
public struct AnswersDraft: Equatable, Sendable, Codable {
    /// Answer keys (`domain`, `acme_server`…) to the values as typed.
    public var answers: [String: String]
    /// The wizard screen's name, as the wizard gave it.
    public var screen: String
    /// `Timestamp.now()` when it was saved.
    public var savedAt: String

    public init(answers: RawAnswers, screen: String, savedAt: String = Timestamp.now()) {
        var values: [String: String] = [:]
        for (key, value) in answers.values { values[key.rawValue] = value }
        self.answers = values
        self.screen = screen
        self.savedAt = savedAt
    }

    /// The answers, unknown keys left out.
    public var rawAnswers: RawAnswers {
        var raw = RawAnswers()
        for (name, value) in answers {
            if let key = AnswerKey(rawValue: name) { raw[key] = value }
        }
        return raw
    }

    enum CodingKeys: String, CodingKey {
        case answers, screen
        case savedAt = "saved_at"
    }
}

/// The draft's file, `wizard-answers.json` beside the session file: root only (0600 in a
/// 0700 folder), written atomically so that a wizard killed while saving leaves the old
/// draft or the new one, never half of one.
public struct AnswersDraftStore: Sendable {
    public let path: String

    public init(sessionPath: String) {
        path = ServerPath.directory(of: sessionPath) + "/wizard-answers.json"
    }

    public func save(_ draft: AnswersDraft) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try Directories.create(ServerPath.directory(of: path), mode: 0o700)
        try AtomicFile.write(Array(try encoder.encode(draft)), to: path,
                             permissions: FilePermissions(owner: "root", group: "root", mode: 0o600))
    }

    /// The saved draft; nil when there is none, or when it cannot be read as one (a draft
    /// is a convenience: a damaged one is ignored, and the next answer replaces it).
    public func load() -> AnswersDraft? {
        guard let bytes = RawFile.read(path) else { return nil }
        return try? JSONDecoder().decode(AnswersDraft.self, from: Data(bytes))
    }

    /// Removes the draft: a run's session took over, or the operator started over.
    public func remove() {
        unlink(path)
    }
}
