@testable import LTSetupCore
import Testing

/// What undo runs after it restored the files: the plan's own test and restarts.
@Suite struct UndoPlanTests {
    @Test func theProxyIsTestedThenRestartedWithWhatTheRestoredFilesNeed() {
        let plan = UndoPlan.build(proxy: .nginx, restoredPaths: ["/etc/nginx/sites-available/a.conf", "/etc/icecast2/icecast.xml"],
                                  services: InitScriptServices())
        #expect(plan.configTest.argv == ["nginx", "-t"])
        #expect(plan.restarts.map(\.argv) == [["service", "nginx", "restart"], ["service", "icecast2", "restart"]])
        #expect(plan.notes.isEmpty)
    }

    @Test func libreTimeIsRestartedWhereSystemdCanElseTheOperatorIsTold() {
        let paths = [ServerPaths.libretimeConfig]
        let systemd = UndoPlan.build(proxy: .apache, restoredPaths: paths, services: SystemdServices())
        #expect(systemd.configTest.argv == ["apache2ctl", "configtest"])
        #expect(systemd.restarts.map(\.argv) == [["systemctl", "restart", "apache2"], ["systemctl", "restart", "libretime.target"]])
        let initScripts = UndoPlan.build(proxy: .apache, restoredPaths: paths, services: InitScriptServices())
        #expect(initScripts.restarts.map(\.argv) == [["service", "apache2", "restart"]])
        #expect(initScripts.notes == ["Restart LibreTime yourself so that it reads its restored config.yml."])
    }

    /// Undo tests and restarts with the very commands of the plan's restart step.
    @Test func theCommandsAreThePlansOwn() throws {
        for proxy in Proxy.allCases {
            let answers = Answers(proxy: proxy, domain: "a.example.org", email: "a@example.org")
            let built = try PlanBuilder.build(answers, on: InMemoryServerFiles())
            let step = try #require(built.step(.restartProxy))
            let undo = UndoPlan.build(proxy: proxy, restoredPaths: [], services: InitScriptServices())
            #expect(step.actions.compactMap(\.command) == [undo.configTest] + undo.restarts)
        }
    }
}
