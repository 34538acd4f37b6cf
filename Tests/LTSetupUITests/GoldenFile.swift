import Foundation
import LTSetupCore
import LTSetupUI
import Testing

/// Compares a rendered frame with its file in `screens/`. With `LT_SETUP_RECORD_GOLDENS=1`
/// it writes the file instead, and fails, so that recording can never pass silently.
enum GoldenFile {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("screens")

    static var isRecording: Bool {
        ProcessInfo.processInfo.environment["LT_SETUP_RECORD_GOLDENS"] == "1"
    }

    static func check(_ actual: String, against fileName: String, recording: Bool = GoldenFile.isRecording,
                      in directory: URL = GoldenFile.directory, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(fileName)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        if recording {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
                let change = expected == actual ? "unchanged" : (expected == nil ? "new" : "changed")
                Issue.record("recorded screens/\(fileName) (\(change)); run again without LT_SETUP_RECORD_GOLDENS to check it",
                             sourceLocation: sourceLocation)
            } catch {
                Issue.record("could not write screens/\(fileName): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected else {
            Issue.record("screens/\(fileName) is missing; record it with LT_SETUP_RECORD_GOLDENS=1 and review it",
                         sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let diff = UnifiedDiff.text(from: expected, to: actual, oldName: "screens/\(fileName)", newName: "rendered", context: 2)
        Issue.record("the frame differs from screens/\(fileName):\n\(diff)", sourceLocation: sourceLocation)
    }

    /// The golden files present.
    static func names() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".txt") }.sorted()
    }
}
