import GoldenScenarios
import Foundation
import LTSetupRuntime
import LTSetupUI

/// The saved answers of the `welcome-draft` golden, as the draft file beside the session
/// file: the scenarios' answers, cut off on the preview, with the time as `Timestamp.now()`
/// gives it.
enum SavedDraft {
    static var resumable: ResumableDraft { ScenarioFixtures.draft }

    static func write(besideSession sessionPath: String) throws {
        let draft = AnswersDraft(answers: resumable.answers, screen: resumable.screen.savedName,
                                 savedAt: "2026-11-28T16:41:00Z")
        let path = AnswersDraftStore(sessionPath: sessionPath).path
        guard FileManager.default.createFile(atPath: path, contents: try JSONEncoder().encode(draft),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
