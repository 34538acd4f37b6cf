import Foundation
@testable import LTSetupTerminal
import Testing

/// The log pager runs as root: it must not give a shell (`!command` in less), run input
/// filters (LESSOPEN), or pass a program's escape sequences through (-R).
@Suite struct PagerTests {
    @Test func lessRunsInSecureModeWithoutFiltersOrRawControls() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("report").path
        let fake = folder.appendingPathComponent("less")
        // A stand-in for less that writes down how it was started.
        try "#!/bin/sh\n{ echo \"args: $*\"; env; } > '\(report)'\n".write(to: fake, atomically: true, encoding: .utf8)
        chmod(fake.path, 0o755)
        setenv("LESSOPEN", "| /tmp/evil %s", 1)
        setenv("LESS", "-R", 1)
        defer {
            unsetenv("LESSOPEN")
            unsetenv("LESS")
        }
        #expect(Pager.show("/var/log/lt-setup/x/01-packages.log", program: fake.path))
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("args: +G -- /var/log/lt-setup/x/01-packages.log"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.contains("LESSSECURE=1"))
        #expect(!lines.contains { $0.hasPrefix("LESSOPEN=") || $0.hasPrefix("LESS=") })
        #expect(!text.contains("-R"))
    }
}
