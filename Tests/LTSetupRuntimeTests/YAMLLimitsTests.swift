import Foundation
@testable import LTSetupCore
@testable import LTSetupRuntime
import Testing

/// An alias bomb exhausted memory when a config.yml holding one was checked before it was
/// written; now such YAML is refused before it reaches the parser.
@Suite struct YAMLLimitsTests {
    /// Nine levels of nine aliases each: 9^9 strings once expanded, from a few hundred bytes.
    static let bomb: String = {
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for (index, name) in names.dropFirst().enumerated() {
            let previous = names[index]
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func anAliasBombIsRefusedUnparsed() {
        #expect(YAMLLimits.refusal(Self.bomb)?.contains("72 YAML aliases") == true)
    }

    @Test func ordinaryConfigurationsPass() {
        let config = """
            general:
              public_url: "https://a.example.org" # *not an alias
              api_key: 'x*y'
            stream:
              outputs:
                icecast:
                  - enabled: true
                    mount: main
            """
        #expect(YAMLLimits.refusal(config) == nil)
        #expect(YAMLLimits.refusal(String(repeating: "x", count: YAMLLimits.maximumBytes + 1))?.contains("larger than 1024 KiB") == true)
    }

    @Test func anAnswersFileWithABombIsRefusedNamingTheFile() {
        #expect(throws: AnswersError.self) { try AnswersFile.parse(Self.bomb) }
        do {
            _ = try AnswersFile.parse(Self.bomb)
        } catch {
            #expect("\(error)".contains("answers file"), "\(error)")
        }
    }

    @Test func aConfigWithABombIsNotWritten() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let target = scratch.make("config.yml", "general: {}\n", mode: 0o640)
        let step = Step(id: .libretimeConfig, title: "config", guideSection: "s", explanation: "e",
                        actions: [.write(FileWrite(path: target, content: Self.bomb, permissions: .config, previous: .file("general: {}\n")))],
                        doneWhen: .any([]))
        let execution = StepExecution(step: step, backups: try BackupStore(directory: scratch.path("backups")), log: nil)
        execution.start { _ in }
        guard case .failed(let message, _) = execution.outcome else {
            Issue.record("the step did not fail: \(String(describing: execution.outcome))")
            return
        }
        #expect(message.contains("is not parsed"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "general: {}\n")
    }
}
