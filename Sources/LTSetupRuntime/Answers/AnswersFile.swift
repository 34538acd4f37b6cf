import Foundation
import LTSetupCore
import Yams

/// The answers file: the non-interactive form of the wizard's questions, in YAML.
public enum AnswersFile {
    /// Reads and validates the answers file at `path`.
    public static func load(_ path: String) throws(AnswersError) -> Answers {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnswersError([FieldError(field: "answers file", value: path,
                                           message: "cannot be read; check the path and that you may read it")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AnswersError([FieldError(field: "answers file", value: path, message: "is not UTF-8 text")])
        }
        return try answers(from: text)
    }

    /// Reads and validates answers given as YAML text. Every problem is reported at once:
    /// those of the keys (unknown, repeated, empty) together with those of the values.
    public static func answers(from text: String) throws(AnswersError) -> Answers {
        let read = read(text)
        guard let raw = read.answers else { throw AnswersError(read.problems) }
        switch AnswersValidator.validate(raw) {
        case .success(let answers) where read.problems.isEmpty: return answers
        case .success: throw AnswersError(read.problems)
        case .failure(let error):
            // A key already reported is not reported again for its value (a repeated
            // `domain`, left out of `raw`, is not also "required").
            let reported = Set(read.problems.map(\.field))
            throw AnswersError(read.problems + error.problems.filter { !reported.contains($0.field) })
        }
    }

    /// Parses YAML into raw answers: a mapping of known keys to scalar values. Unknown or
    /// repeated keys are errors, so a typo is never silently ignored.
    public static func parse(_ text: String) throws(AnswersError) -> RawAnswers {
        let read = read(text)
        guard let raw = read.answers, read.problems.isEmpty else { throw AnswersError(read.problems) }
        return raw
    }

    /// The answers a file gives, and the problems of its keys (unknown, repeated, empty, not
    /// a single value). `answers` holds the keys that are usable, so that their values can be
    /// checked in the same report; it is nil when the file is no mapping at all.
    static func read(_ text: String) -> (answers: RawAnswers?, problems: [FieldError]) {
        var problems: [FieldError] = []
        var node: Node?
        if let refusal = YAMLLimits.refusal(text) {
            return (nil, [FieldError(field: "answers file", value: "", message: "is not read: \(refusal)")])
        }
        do {
            node = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, _) {
            problems = duplicates.sorted().map { FieldError(field: $0, value: "", message: "is given twice; keep one") }
            // The other keys are still read, without the repeated ones, for their own problems.
            node = try? Yams.compose(yaml: removingTopLevelKeys(Set(duplicates), from: text))
            guard node != nil else { return (nil, problems) }
        } catch {
            return (nil, [FieldError(field: "answers file", value: "", message: "is not valid YAML: \(error)")])
        }
        guard let node else { return (RawAnswers(), problems) }
        guard let mapping = node.mapping else {
            return (nil, [FieldError(field: "answers file", value: "",
                                     message: "must be a mapping of keys to values, like `domain: libretime.example.org`")])
        }
        var raw = RawAnswers()
        for (keyNode, valueNode) in mapping {
            let name = keyNode.string ?? "\(keyNode)"
            guard let key = AnswerKey(rawValue: name) else {
                problems.append(unknownKey(name))
                continue
            }
            guard let scalar = valueNode.scalar else {
                problems.append(FieldError(field: name, value: "", message: "must be a single value, not a list or a mapping"))
                continue
            }
            // `email:` with nothing after it is YAML's null: the same as leaving the key out.
            // An empty string written out (`backend: ''`) is a value, and no valid one.
            guard valueNode.null == nil else { continue }
            if scalar.string.isEmpty {
                problems.append(FieldError(field: name, value: "",
                                           message: "is empty: give a value, or leave the key out to take the default"))
                continue
            }
            raw[key] = scalar.string
        }
        return (raw, problems)
    }

    /// `text` without the block-style top-level entries of `keys` (each `key:` line at the
    /// start of a line, and the indented lines that continue it).
    static func removingTopLevelKeys(_ keys: Set<String>, from text: String) -> String {
        var kept: [Substring] = []
        var removing = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first != " ", first != "\t", first != "#" {
                let name = line.prefix { $0 != ":" }.trimmingCharacters(in: .whitespaces)
                removing = line.contains(":") && keys.contains(name)
            }
            if !removing { kept.append(line) }
        }
        return kept.joined(separator: "\n")
    }

    static func unknownKey(_ name: String) -> FieldError {
        let known = AnswerKey.allCases.map(\.rawValue)
        let close = known.min { editDistance($0, name) < editDistance($1, name) }
        var message = "is not a known key"
        if let close, editDistance(close, name) <= 3 { message += "; did you mean \(close)?" }
        message += " Known keys: \(known.joined(separator: ", "))."
        return FieldError(field: name, value: "", message: message)
    }

    /// Levenshtein distance, for suggesting the key an operator meant.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
