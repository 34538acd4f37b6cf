import GoldenScenarios
import Foundation
import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// The unfinished session of the `welcome-resume` golden, as a session file: made for the
/// scenarios' answers, the first four steps done, the certificate request next. Written the
/// way `lt-setup` writes it (`SessionCodec`), with the time as `Timestamp.now()` gives it.
enum UnfinishedSession {
    static let createdAt = "2026-11-28T16:41:00Z"

    /// What the welcome screen should offer for it.
    static var resumable: ResumableSession {
        ResumableSession(id: ScenarioFixtures.sessionID, startedAt: "2026-11-28 16:41 UTC",
                         domain: ScenarioFixtures.domain,
                         nextStepTitle: ScenarioFixtures.plan?.step(.certificate)?.title)
    }

    struct NoPlan: Error {}

    static func session() throws -> Session {
        guard let plan = ScenarioFixtures.plan else { throw NoPlan() }
        var session = Session(id: ScenarioFixtures.sessionID, createdAt: createdAt, plan: plan)
        for step in plan.steps.prefix(4) {
            session.update(step.id) { record in
                record.status = .done
                record.changed = true
                record.startedAt = "2026-11-28T16:41:05Z"
                record.endedAt = "2026-11-28T16:41:40Z"
            }
        }
        return session
    }

    static func write(to path: String) throws {
        let bytes = try SessionCodec.encode(try session())
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
    }
}
