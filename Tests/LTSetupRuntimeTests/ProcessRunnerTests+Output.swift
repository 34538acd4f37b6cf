import Glibc
import LTSetupCore
import Testing
@testable import LTSetupRuntime

extension ProcessRunnerTests {
    /// What real programs print, as the log pane gets it.
    @Suite struct Output {
        @Test func progressBarsKeepTheirLastState() throws {
            let outcome = try runProgram(sh(#"printf 'a\r\n10%%\r20%%\r30%%\nb\n50%%\r\nend'"#))
            #expect(outcome.lines == ["a", "30%", "b", "50%", "end"])
        }

        @Test func colourAndCursorCodesAreStripped() throws {
            let outcome = try runProgram(sh(#"printf '\033[1;31mred\033[0m plain\tTab\a\n\033]0;title\007ok\n'"#))
            #expect(outcome.lines == ["red plain\tTab", "ok"])
        }

        @Test func invalidUTF8BecomesReplacementCharacters() throws {
            let outcome = try runProgram(sh(#"printf '\377\376ok \303\251\n'"#))
            #expect(outcome.lines == ["\u{FFFD}\u{FFFD}ok é"])
        }

        @Test func finalLineWithoutNewlineIsDelivered() throws {
            let outcome = try runProgram(sh("printf 'a\\nlast'"))
            #expect(outcome.lines == ["a", "last"])
        }

        @Test func hugeLineIsSplitNotLost() throws {
            let outcome = try runProgram(sh(#"head -c 200000 /dev/zero | tr '\000' x; echo; echo after"#))
            #expect(outcome.lines.count == 5)
            #expect(outcome.lines.dropLast().map(\.utf8.count) == [65536, 65536, 65536, 3392])
            #expect(outcome.lines.dropLast().joined() == String(repeating: "x", count: 200_000))
            #expect(outcome.lines.last == "after")
        }

        @Test func splittingKeepsMultibyteCharactersWhole() throws {
            let outcome = try runProgram(sh("yes é | head -n 70000 | tr -d '\\n'"))
            let text = outcome.lines.joined()
            #expect(outcome.lines.count == 3)
            #expect(!text.unicodeScalars.contains("\u{FFFD}"))
            #expect(text == String(repeating: "é", count: 70_000))
        }

        @Test func manyLinesArriveCompleteAndInOrder() throws {
            let outcome = try runProgram(["seq", "1", "100000"])
            #expect(outcome.lines.count == 100_000)
            #expect(outcome.lines.first == "1")
            #expect(outcome.lines.last == "100000")
            #expect(outcome.lines == (1...100_000).map(String.init))
        }
    }

    /// The per-step log file.
    @Suite struct Logging {
        @Test func logGetsTheSameLinesWithPrivateModes() throws {
            let root = makeTemporaryDirectory()
            defer { removeTree(root) }
            let directory = root + "/logs/run-1"
            let log = try StepLog(directory: directory, fileName: "step.log")
            let outcome = try runProgram(sh(#"echo one; printf 'two\r\n'; echo three >&2; printf '\033[32mfour'"#), log: log)
            log.close()
            #expect(outcome.lines == ["one", "two", "three", "four"])
            #expect(readFile(directory + "/step.log") == "one\ntwo\nthree\nfour\n")
            #expect(fileMode(directory + "/step.log") == 0o600)
            #expect(fileMode(root + "/logs") == 0o700)
            #expect(fileMode(directory) == 0o700)
        }

        @Test func logAppendsAndTightensAnExistingFile() throws {
            let root = makeTemporaryDirectory()
            defer { removeTree(root) }
            let path = root + "/step.log"
            let fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
            _ = write(fd, "before\n", 7)
            fchmod(fd, 0o644)
            close(fd)
            let log = try StepLog(directory: root, fileName: "step.log")
            _ = try runProgram(["echo", "after"], log: log)
            log.close()
            #expect(readFile(path) == "before\nafter\n")
            #expect(fileMode(path) == 0o600)
        }

        @Test func badLogNameIsATypedError() {
            #expect(throws: StepLogError.self) { _ = try StepLog(directory: "/tmp", fileName: "a/b") }
        }
    }
}
