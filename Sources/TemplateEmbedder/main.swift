import Foundation

// Usage: TemplateEmbedder OUTPUT.swift TEMPLATE...
// Writes `EmbeddedTemplates.files`, a dictionary from each template's file name to its
// text. Every byte is written as an escape-free or escaped character of one ordinary
// string literal, so no template content can end the literal early.

func swiftLiteral(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case " "..."~": out.unicodeScalars.append(scalar)
        default: out += "\\u{\(String(scalar.value, radix: 16))}"
        }
    }
    return out + "\""
}

let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: TemplateEmbedder OUTPUT TEMPLATE...\n".utf8))
    exit(2)
}
var source = """
    // Generated at build time from Resources/templates by the EmbedTemplates plugin. Do not edit.

    enum EmbeddedTemplates {
        static let files: [String: String] = [

    """
for path in arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path),
          let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("TemplateEmbedder: cannot read \(path) as UTF-8\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    source += "        \(swiftLiteral(name)): \(swiftLiteral(text)),\n"
}
source += "    ]\n}\n"
do {
    try source.write(toFile: outputPath, atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("TemplateEmbedder: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}
