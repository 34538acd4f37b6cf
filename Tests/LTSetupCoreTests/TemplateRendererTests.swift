@testable import LTSetupCore
import Testing

@Suite struct TemplateRendererTests {
    @Test func fillsEveryPlaceholder() throws {
        #expect(try TemplateRenderer.render("a {{X}} b {{Y}} {{X}}", named: "t", values: ["X": "1", "Y": "2"]) == "a 1 b 2 1")
    }

    @Test func aMissingValueIsAnError() {
        #expect(throws: TemplateError.missingValue(template: "t", name: "Y")) {
            try TemplateRenderer.render("{{X}} {{Y}}", named: "t", values: ["X": "1"])
        }
    }

    @Test func anUnusedValueIsAnError() {
        #expect(throws: TemplateError.unusedValue(template: "t", name: "Z")) {
            try TemplateRenderer.render("{{X}}", named: "t", values: ["X": "1", "Z": "2"])
        }
    }

    @Test func anUnclosedPlaceholderIsAnError() {
        #expect(throws: TemplateError.unterminatedPlaceholder(template: "t")) {
            try TemplateRenderer.render("{{X", named: "t", values: ["X": "1"])
        }
    }

    @Test func valuesAreNotRescanned() throws {
        #expect(try TemplateRenderer.render("{{X}}", named: "t", values: ["X": "{{Y}}"]) == "{{Y}}")
    }

    @Test func serverSyntaxIsLeftAlone() throws {
        let text = "proxy_set_header Host $host; RewriteRule ^ https://%{SERVER_NAME}%{REQUEST_URI}"
        #expect(try TemplateRenderer.render(text, named: "t", values: [:]) == text)
    }

    @Test func theTemplatesAreBuiltIn() throws {
        #expect(Templates.names == ["apache-site.conf", "icecast-renewal-hook.sh", "nginx-site.conf"])
        #expect(throws: TemplateError.unknownTemplate("nope")) { try Templates.render("nope", [:]) }
    }
}
