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
        let raw = try parse(text)
        switch AnswersValidator.validate(raw) {
        case .success(let answers): return answers
        case .failure(let error): throw error
        }
    }

    /// Parses YAML into raw answers: a mapping of known keys to scalar values. Unknown or
    /// repeated keys are errors, so a typo is never silently ignored.
    public static func parse(_ text: String) throws(AnswersError) -> RawAnswers {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch YamlError.duplicatedKeysInMapping(let duplicates, _) {
            throw AnswersError(duplicates.sorted().map { FieldError(field: $0, value: "", message: "is given twice; keep one") })
        } catch {
            throw AnswersError([FieldError(field: "answers file", value: "", message: "is not valid YAML: \(error)")])
        }
        guard let node else { return RawAnswers() }
        guard let mapping = node.mapping else {
            throw AnswersError([FieldError(field: "answers file", value: "",
                                           message: "must be a mapping of keys to values, like `domain: libretime.example.org`")])
        }
        var raw = RawAnswers()
        var problems: [FieldError] = []
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
        if !problems.isEmpty { throw AnswersError(problems) }
        return raw
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
