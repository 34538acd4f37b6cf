/// A template that cannot be rendered.
public enum TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownTemplate(String)
    case missingValue(template: String, name: String)
    case unusedValue(template: String, name: String)
    case unterminatedPlaceholder(template: String)

    public var description: String {
        switch self {
        case .unknownTemplate(let name):
            "no template named \(name) is built into lt-setup"
        case .missingValue(let template, let name):
            "template \(template) needs a value for {{\(name)}}"
        case .unusedValue(let template, let name):
            "template \(template) has no {{\(name)}}, but a value was given for it"
        case .unterminatedPlaceholder(let template):
            "template \(template) has a {{ without a closing }}"
        }
    }
}

/// Fills `{{NAME}}` placeholders, strictly: a placeholder without a value, a value without a
/// placeholder, or an unclosed `{{` is an error, never an empty string.
public enum TemplateRenderer {
    public static func render(_ text: String, named name: String, values: [String: String]) throws(TemplateError) -> String {
        var out = ""
        var used: Set<String> = []
        var rest = text[...]
        while let open = rest.firstRange(of: "{{") {
            out += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                throw .unterminatedPlaceholder(template: name)
            }
            let key = String(afterOpen[..<close.lowerBound])
            guard let value = values[key] else { throw .missingValue(template: name, name: key) }
            out += value
            used.insert(key)
            rest = afterOpen[close.upperBound...]
        }
        out += rest
        if let unused = values.keys.sorted().first(where: { !used.contains($0) }) {
            throw .unusedValue(template: name, name: unused)
        }
        return out
    }
}

/// The templates of `Resources/templates/`, built into the binary.
public enum Templates {
    public static let nginxSite = "nginx-site.conf"
    public static let apacheSite = "apache-site.conf"
    public static let icecastRenewalHook = "icecast-renewal-hook.sh"

    /// Every template's name.
    public static var names: [String] { EmbeddedTemplates.files.keys.sorted() }

    /// Renders the built-in template `name` with `values`.
    public static func render(_ name: String, _ values: [String: String]) throws(TemplateError) -> String {
        guard let text = EmbeddedTemplates.files[name] else { throw .unknownTemplate(name) }
        return try TemplateRenderer.render(text, named: name, values: values)
    }
}
