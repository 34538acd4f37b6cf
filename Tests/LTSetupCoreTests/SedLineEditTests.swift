import Foundation
@testable import LTSetupCore
import Testing

/// The sed programs run for real, with the system's sed, on copies: the result must be the
/// planned text byte for byte.
@Suite struct SedLineEditTests {
    func applied(_ old: String, _ new: String) throws -> String {
        let program = try SedLineEdit.program(from: old, to: new).get()
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("file")
        try ShellRunner.write(old, to: file)
        let result = try ShellRunner.run(["sh", "-c", "sed -i --follow-symlinks -e \(ShellQuote.word(program)) \(ShellQuote.word(file.path))"])
        #expect(result.status == 0, "\(result.stderr)")
        return try ShellRunner.read(file)
    }

    static let cases: [(old: String, new: String)] = [
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("a\nb\nc\n", "top\na\nb\nc\n"),
        ("a\nb\nc\n", "a\nb\nc\nend\n"),
        ("a\nb\nc\nd\n", "a\nd\n"),
        ("a\nb\nc\n", "a\n    indented\n\ttabbed\n\nb\nc\n"),
        ("a\nb\n", "a\nback\\slash \\t \\n\\\nb\n"),
        ("a\nb\nc\n", "a\n\nc\n"),
        ("a\nb\nc\n", "x\nb\ny\nz\n"),
        ("a\n'quoted' $HOME `id`\nc\n", "a\n'quoted' $HOME `id` !x\nc\n"),
        ("a\nb", "a\nb"),
    ]

    @Test(arguments: cases.indices)
    func theProgramMakesThePlannedTextByteForByte(_ index: Int) throws {
        let (old, new) = Self.cases[index]
        #expect(try applied(old, new) == new)
    }

    @Test func theRealEditsOfIcecastAndLibretimeApplyByteForByte() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: SecretFixtures.server())
        for write in plan.fileWrites {
            guard case .file(let old) = write.previous else { continue }
            #expect(try applied(old, write.content) == write.content, "\(write.path)")
        }
        #expect(plan.fileWrites.filter { $0.previous.text != nil }.count == 2)
    }

    @Test func theProgramNeverHoldsTheFilesOtherLines() throws {
        let program = try SedLineEdit.program(from: SecretFixtures.libretimeConfig,
                                              to: SecretFixtures.libretimeConfig.replacing("public_url:\n", with: "public_url: https://a.example.org\n")).get()
        for secret in SecretFixtures.libretimeSecrets {
            #expect(!program.contains(secret))
        }
        #expect(program == "3c\\\n\\  public_url: https://a.example.org\n26c\\\n\\        public_url: https://a.example.org\n")
    }

    @Test func aChangedLineWithASecretIsRefused() {
        #expect(SedLineEdit.program(from: "a\napi_key: old\n", to: "a\napi_key: new\n") == .failure(.secretLine(2)))
        #expect(SedLineEdit.program(from: "a\nb", to: "a\nc") == .failure(.noFinalNewline))
        #expect(SedLineEdit.program(from: "", to: "a\n") == .failure(.emptyFile))
    }
}
