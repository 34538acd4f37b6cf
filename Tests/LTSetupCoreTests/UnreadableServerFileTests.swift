@testable import LTSetupCore
import Testing

/// A file the plan reads but may not (a normal user and Debian's `root:icecast 0640`
/// icecast.xml) is not a missing file: the plan is refused, naming it, rather than made
/// for a server without Icecast or LibreTime.
@Suite struct UnreadableServerFileTests {
    func server(_ path: String, _ reason: String) -> InMemoryServerFiles {
        var files = ServerFixtures.libretimeServer()
        files.files[path] = .unreadable(reason: reason)
        return files
    }

    func planError(_ files: ServerFiles) -> PlanError? {
        do {
            _ = try PlanBuilder.build(ServerFixtures.answers, on: files)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [ServerPaths.icecastConfig, ServerPaths.libretimeConfig])
    func aFileThatMayNotBeReadIsNamedWithSudoAsTheWay(_ path: String) throws {
        let error = try #require(planError(server(path, "Permission denied")))
        #expect(error.message == "cannot read \(path) (Permission denied): run with sudo")
        #expect(!error.message.contains("missing"))
        #expect(!error.message.contains("not installed"))
    }

    @Test func aFileThatIsNotTextIsNamedWithItsReason() throws {
        let error = try #require(planError(server(ServerPaths.icecastConfig, "not UTF-8 text")))
        #expect(error.message.hasPrefix("cannot read /etc/icecast2/icecast.xml (not UTF-8 text): "))
        #expect(!error.message.contains("sudo"))
    }

    /// A symlink is followed: an unreadable target refuses the plan as the file itself would.
    @Test func anUnreadableTargetOfALinkIsNamed() throws {
        var files = ServerFixtures.libretimeServer()
        files.files[ServerPaths.libretimeConfig] = .symlink(target: "/srv/libretime/config.yml")
        files.files["/srv/libretime/config.yml"] = .unreadable(reason: "Permission denied")
        let error = try #require(planError(files))
        #expect(error.message == "cannot read /srv/libretime/config.yml (Permission denied): run with sudo")
    }

    /// The same server with the file readable plans every step: the refusal comes from the
    /// unreadable file alone.
    @Test func theReadableServerPlansEveryStep() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        // Every step but the direct Icecast restart, which a plan with the hook replaces.
        #expect(plan.steps.map(\.id) == StepID.allCases.filter { $0 != .restartIcecast })
    }
}
