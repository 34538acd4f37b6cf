import Foundation
import Testing
import Yams
@testable import LTSetupCore

// MARK: - Fixtures

/// Abridged from the config.yml LibreTime's installer writes: same structure (anchor, enabled
/// `main` with an empty public_url, disabled `main-low` without one, a third item opening
/// with `- # comment`, shoutcast and inputs with their own public_url keys).
private let installerLayout = """
    # See https://libretime.org/docs/admin-manual/setup/configuration/

    general:
      # The public url.
      # > this field is REQUIRED
      public_url: http://radio.example.org:8080
      # The internal API authentication key.
      # > this field is REQUIRED
      api_key: 0123456789abcdef

      # > default is UTC
      timezone: UTC

    stream:
      # Inputs sources.
      inputs:
        # Main harbor input.
        main:
          # Harbor input public url.
          public_url:
          mount: main
          port: 8001

      # Output streams.
      outputs:
        # Default icecast output
        # This can be reused to define multiple outputs without duplicating data
        .default_icecast_output: &default_icecast_output
          host: localhost
          port: 8000
          source_password: hackme
          name: LibreTime!

        # Icecast output streams.
        # > max items is 3
        icecast:
          # The default Icecast output stream
          - <<: *default_icecast_output
            enabled: true
            public_url:
            mount: main
            audio:
              format: ogg
              bitrate: 256

          # You can define extra outputs by reusing the default output using a yaml anchor
          - <<: *default_icecast_output
            enabled: false
            mount: main-low
            audio:
              format: ogg
              bitrate: 128

          - # Whether the output is enabled.
            # > default is false
            enabled: false
            # Output public url.
            public_url:
            host: localhost
            port: 8000
            mount: main
            source_password: hackme
            audio:
              format: ogg
              bitrate: 256

        # Shoutcast output streams.
        # > max items is 1
        shoutcast:
          - # Whether the output is enabled.
            enabled: false
            public_url:
            host: localhost

    """

/// `installerLayout` after the edit: exactly the two values changed.
private let installerLayoutEdited = installerLayout
    .replacingOccurrences(of: "  public_url: http://radio.example.org:8080\n", with: "  public_url: https://radio.example.org\n")
    .replacingOccurrences(of: "        enabled: true\n        public_url:\n",
                          with: "        enabled: true\n        public_url: https://radio.example.org:8443/main\n")

/// The layout shown in LibreTime's reverse-proxy guide: two enabled outputs.
private let guideLayout = """
    general:
      public_url: http://libretime.example.org:8080/
      api_key: some_secret_api_key
    stream:
      outputs:
        .default_icecast_output: &default_icecast_output
          host: localhost
          port: 8000
        # Icecast output streams.
        # > max items is 3
        icecast:
          - <<: *default_icecast_output
            enabled: true
            public_url:
            mount: main.ogg
            audio:
              format: ogg
              bitrate: 256

          - <<: *default_icecast_output
            enabled: true
            public_url:
            mount: main.mp3
            audio:
              format: mp3
              bitrate: 320

    """

private let guideLayoutEdited = """
    general:
      public_url: https://libretime.example.org
      api_key: some_secret_api_key
    stream:
      outputs:
        .default_icecast_output: &default_icecast_output
          host: localhost
          port: 8000
        # Icecast output streams.
        # > max items is 3
        icecast:
          - <<: *default_icecast_output
            enabled: true
            public_url: https://libretime.example.org:8443/main.ogg
            mount: main.ogg
            audio:
              format: ogg
              bitrate: 256

          - <<: *default_icecast_output
            enabled: true
            public_url: https://libretime.example.org:8443/main.mp3
            mount: main.mp3
            audio:
              format: mp3
              bitrate: 320

    """

private let site = "https://radio.example.org"
private let base = "https://radio.example.org:8443"

/// A config with `general` and the given `icecast:` section (indented by 4, as in LibreTime's file).
private func config(icecast: String, general: String = "  public_url: http://radio.example.org:8080\n") -> String {
    """
    general:
    \(general)  timezone: UTC
    stream:
      outputs:
        .default_icecast_output: &default_icecast_output
          host: localhost
          port: 8000
        icecast:
    \(icecast)
    """
}

// MARK: - Helpers

/// A YAML value parsed by Yams, reduced to something `Equatable`.
private indirect enum Tree: Equatable, CustomStringConvertible {
    case map([String: Tree])
    case list([Tree])
    case scalar(String)

    init(_ value: Any?) {
        switch value {
        case let map as [AnyHashable: Any]:
            self = .map(Dictionary(uniqueKeysWithValues: map.map { ("\($0.key)", Tree($0.value)) }))
        case let map as [String: Any]:
            self = .map(map.mapValues { Tree($0) })
        case let list as [Any]:
            self = .list(list.map { Tree($0) })
        case let value?:
            self = .scalar("\(type(of: value)):\(value)")
        case nil:
            self = .scalar("nil")
        }
    }

    subscript(key: String) -> Tree? {
        if case .map(let map) = self { map[key] } else { nil }
    }

    subscript(index: Int) -> Tree? {
        if case .list(let list) = self, list.indices.contains(index) { list[index] } else { nil }
    }

    var string: String? {
        if case .scalar(let text) = self, text.hasPrefix("String:") { String(text.dropFirst(7)) } else { nil }
    }

    /// The tree without general.public_url and without public_url in the listed outputs.
    /// A null `general:` counts as empty, since inserting public_url makes it a mapping.
    func removingPublicURLs(outputs: some Sequence<Int>) -> Tree {
        guard case .map(var top) = self else { return self }
        if case .scalar(let text)? = top["general"], text.hasPrefix("NSNull") { top["general"] = .map([:]) }
        if case .map(var general)? = top["general"] {
            general["public_url"] = nil
            top["general"] = .map(general)
        }
        if case .map(var stream)? = top["stream"], case .map(var outputsMap)? = stream["outputs"],
           case .list(var icecast)? = outputsMap["icecast"] {
            for index in outputs where icecast.indices.contains(index) {
                if case .map(var output) = icecast[index] {
                    output["public_url"] = nil
                    icecast[index] = .map(output)
                }
            }
            outputsMap["icecast"] = .list(icecast)
            stream["outputs"] = .map(outputsMap)
            top["stream"] = .map(stream)
        }
        return .map(top)
    }

    var description: String {
        switch self {
        case .map(let map): "{" + map.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}"
        case .list(let list): "[" + list.map(\.description).joined(separator: ", ") + "]"
        case .scalar(let text): text
        }
    }
}

private func parse(_ yaml: String) throws -> Tree {
    Tree(try Yams.load(yaml: yaml))
}

/// Runs the edit, expecting success, and checks what every successful edit must satisfy:
/// applying it again changes nothing, and re-parsed with Yams the result has the expected
/// public URLs (`outputs`: 0-based icecast position → URL) and otherwise equals the input.
@discardableResult
private func expectEdit(_ input: String, siteURL: String = site, icecastStreamBase: String? = base,
                        general: String, outputs: [Int: String] = [:],
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
    let result = LibreTimeConfigEdit.setPublicURLs(in: input, siteURL: siteURL, icecastStreamBase: icecastStreamBase)
    guard case .success(let output) = result else {
        Issue.record("expected success, got \(result)", sourceLocation: sourceLocation)
        return ""
    }
    let again = LibreTimeConfigEdit.setPublicURLs(in: output, siteURL: siteURL, icecastStreamBase: icecastStreamBase)
    #expect(again == .success(output), "not idempotent", sourceLocation: sourceLocation)

    let before = try parse(input)
    let after = try parse(output)
    #expect(after["general"]?["public_url"]?.string == general, sourceLocation: sourceLocation)
    for (index, url) in outputs {
        #expect(after["stream"]?["outputs"]?["icecast"]?[index]?["public_url"]?.string == url, sourceLocation: sourceLocation)
    }
    #expect(after.removingPublicURLs(outputs: outputs.keys) == before.removingPublicURLs(outputs: outputs.keys),
            sourceLocation: sourceLocation)
    return output
}

private func expectFailure(_ input: String, icecastStreamBase: String? = base, mentioning words: [String],
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let result = LibreTimeConfigEdit.setPublicURLs(in: input, siteURL: site, icecastStreamBase: icecastStreamBase)
    guard case .failure(let error) = result else {
        Issue.record("expected a failure, got \(result)", sourceLocation: sourceLocation)
        return
    }
    for word in words {
        #expect(error.message.contains(word), "\(error.message) should mention \(word)", sourceLocation: sourceLocation)
    }
}

// MARK: - Tests

@Suite struct LibreTimeConfigEditTests {
    @Test func installerLayoutChangesExactlyTwoValues() throws {
        let output = try expectEdit(installerLayout, general: site, outputs: [0: base + "/main"])
        #expect(output == installerLayoutEdited)
        #expect(output != installerLayout)
    }

    @Test func guideLayoutSetsBothOutputs() throws {
        let output = try expectEdit(guideLayout, siteURL: "https://libretime.example.org",
                                    icecastStreamBase: "https://libretime.example.org:8443",
                                    general: "https://libretime.example.org",
                                    outputs: [0: "https://libretime.example.org:8443/main.ogg",
                                              1: "https://libretime.example.org:8443/main.mp3"])
        #expect(output == guideLayoutEdited)
    }

    @Test func withoutStreamBaseOnlyGeneralChanges() throws {
        let output = try expectEdit(installerLayout, icecastStreamBase: nil, general: site)
        #expect(output == installerLayout.replacingOccurrences(of: "http://radio.example.org:8080", with: site))
        // Icecast is not read at all, so a section it could not edit is no obstacle.
        try expectEdit(config(icecast: "      [ {enabled: true, mount: main} ]\n"), icecastStreamBase: nil, general: site)
    }

    @Test func insertsPublicURLAfterEnabledWhenMissing() throws {
        let input = config(icecast: """
                  - <<: *default_icecast_output
                    mount: first
                    enabled: true
                    audio:
                      format: ogg

            """)
        let output = try expectEdit(input, general: site, outputs: [0: base + "/first"])
        #expect(output.contains("        enabled: true\n        public_url: \(base)/first\n        audio:\n"))
    }

    @Test func enabledInheritedFromAnchorInsertsAfterDashLine() throws {
        let input = """
            general:
              public_url:
            stream:
              outputs:
                .default_icecast_output: &default_icecast_output
                  enabled: true
                  mount: from-anchor
                icecast:
                  - <<: *default_icecast_output
                    audio:
                      format: ogg
                  - <<: *default_icecast_output
                    mount: own
                  - <<: *default_icecast_output
                    enabled: no
                    mount: off-air

            """
        let output = try expectEdit(input, general: site, outputs: [0: base + "/from-anchor", 1: base + "/own"])
        #expect(output.contains("      - <<: *default_icecast_output\n        public_url: \(base)/from-anchor\n        audio:\n"))
        #expect(output.contains("      - <<: *default_icecast_output\n        public_url: \(base)/own\n        mount: own\n"))
        #expect(!output.contains("off-air\n        public_url"))
    }

    @Test func commentDashItemGetsKeyAtItsKeyIndentation() throws {
        let input = config(icecast: """
                  - # Whether the output is enabled.
                    # > default is false
                    enabled: true
                    mount: third

                  -   # An item whose keys sit further right than usual.
                      mount: fourth
                      enabled: true

            """)
        let output = try expectEdit(input, general: site, outputs: [0: base + "/third", 1: base + "/fourth"])
        #expect(output.contains("        enabled: true\n        public_url: \(base)/third\n        mount: third\n"))
        #expect(output.contains("          enabled: true\n          public_url: \(base)/fourth\n"))
    }

    @Test func multiLineFirstEntryIsNotSplitByInsertion() throws {
        let input = config(icecast: """
                  - audio:
                      format: ogg
                    <<: *default_icecast_output
                    mount: main

            """)
        // Neither the output nor the anchor says `enabled`: LibreTime's default, false.
        let unchanged = try expectEdit(input, general: site)
        #expect(unchanged == input.replacingOccurrences(of: "http://radio.example.org:8080", with: site))

        let enabledViaAnchor = input.replacingOccurrences(of: "      port: 8000\n", with: "      port: 8000\n      enabled: true\n")
        let output = try expectEdit(enabledViaAnchor, general: site, outputs: [0: base + "/main"])
        #expect(output.contains("      - audio:\n          format: ogg\n        public_url: \(base)/main\n        <<: *default_icecast_output\n"))
    }

    @Test func mountLeadingSlashAndQuotesAreStripped() throws {
        let input = config(icecast: """
                  - enabled: true
                    mount: /live
                  - enabled: 'True'
                    mount: "/studio/hq"
                    public_url: ''
                  - "enabled": "yes"
                    'mount': 'low'
                    "public_url": "http://radio.example.org:8000/low" # old

            """)
        let output = try expectEdit(input, general: site,
                                    outputs: [0: base + "/live", 1: base + "/studio/hq", 2: base + "/low"])
        #expect(output.contains("  - enabled: true\n        public_url: \(base)/live\n        mount: /live\n"))
        #expect(output.contains("        public_url: \(base)/studio/hq\n"))
        #expect(output.contains("        \"public_url\": \(base)/low # old\n"))
    }

    @Test func existingPublicURLKeepsItsCommentAndPosition() throws {
        let input = config(icecast: """
                  - <<: *default_icecast_output
                    public_url: http://radio.example.org:8000/main   # what listeners open
                    enabled: true
                    mount: main
                  - <<: *default_icecast_output
                    enabled: true
                    public_url:    # set by lt-setup
                    mount: second

            """)
        let output = try expectEdit(input, general: site, outputs: [0: base + "/main", 1: base + "/second"])
        #expect(output.contains("        public_url: \(base)/main   # what listeners open\n        enabled: true\n"))
        #expect(output.contains("        public_url: \(base)/second # set by lt-setup\n"))
    }

    @Test func alreadyCorrectQuotedValueIsLeftAsWritten() throws {
        let input = config(icecast: """
                  - enabled: true
                    public_url: "\(base)/main"
                    mount: main

            """, general: "  public_url: '\(site)' # done\n")
        let output = try expectEdit(input, general: site, outputs: [0: base + "/main"])
        #expect(output == input)
    }

    @Test(arguments: [
        ("http://10.0.0.5:8080/radio", site + "/radio"),
        ("'http://10.0.0.5:8080/radio/' # behind a path", site + "/radio/"),
        ("\"http://10.0.0.5/radio?x=1\"", site + "/radio"),
        ("http://10.0.0.5:8080/", site),
        ("http://10.0.0.5:8080", site),
        ("", site),
        ("~", site),
        ("not-a-url/path", site),
    ])
    func generalPublicURLKeepsOldPath(old: String, expected: String) throws {
        let input = "general:\n  public_url: \(old)\n  api_key: x\n"
        let output = try expectEdit(input, icecastStreamBase: nil, general: expected)
        #expect(output.hasPrefix("general:\n  public_url: \(expected)"))
    }

    @Test func generalPublicURLTrailingCommentIsKept() throws {
        let output = try expectEdit("general:\n  public_url: http://old:8080/radio # the station\n",
                                    icecastStreamBase: nil, general: site + "/radio")
        #expect(output == "general:\n  public_url: \(site)/radio # the station\n")
    }

    @Test func missingGeneralPublicURLIsInsertedAsFirstEntry() throws {
        let input = "---\n# LibreTime\ngeneral:\n    # The internal API key.\n    api_key: x\n    timezone: UTC\nstorage:\n    path: /srv/libretime\n"
        let output = try expectEdit(input, icecastStreamBase: nil, general: site)
        #expect(output == "---\n# LibreTime\ngeneral:\n    public_url: \(site)\n    # The internal API key.\n    api_key: x\n    timezone: UTC\nstorage:\n    path: /srv/libretime\n")

        let empty = try expectEdit("general:\nstorage:\n  path: /srv\n", icecastStreamBase: nil, general: site)
        #expect(empty == "general:\n  public_url: \(site)\nstorage:\n  path: /srv\n")
    }

    @Test func crlfAndMissingFinalNewlineAreKept() throws {
        let input = "general:\r\n  api_key: x\r\nstream:\r\n  outputs:\r\n    icecast:\r\n      - enabled: true\r\n        mount: main"
        let output = try expectEdit(input, general: site, outputs: [0: base + "/main"])
        #expect(output == "general:\r\n  public_url: \(site)\r\n  api_key: x\r\nstream:\r\n  outputs:\r\n    icecast:\r\n      - enabled: true\r\n        public_url: \(base)/main\r\n        mount: main")

        let lastLine = try expectEdit("general:\n  public_url: x\nstream:\n  outputs:\n    icecast:\n    - mount: m\n      enabled: true",
                                      general: site, outputs: [0: base + "/m"])
        #expect(lastLine == "general:\n  public_url: \(site)\nstream:\n  outputs:\n    icecast:\n    - mount: m\n      enabled: true\n      public_url: \(base)/m")
    }

    @Test func compactSequenceAtKeyIndentation() throws {
        // PyYAML writes lists under a key at the key's own indentation.
        let input = "general:\n  public_url: ''\nstream:\n  outputs:\n    icecast:\n    - enabled: false\n      mount: a\n    - enabled: true\n      mount: b\n    shoutcast: []\n"
        let output = try expectEdit(input, general: site, outputs: [1: base + "/b"])
        #expect(output == "general:\n  public_url: \(site)\nstream:\n  outputs:\n    icecast:\n    - enabled: false\n      mount: a\n    - enabled: true\n      public_url: \(base)/b\n      mount: b\n    shoutcast: []\n")
    }

    @Test func noIcecastOutputsMeansNothingToSet() throws {
        try expectEdit("general:\n  public_url: x\nstream:\n  outputs:\n    icecast: [] # none\n", general: site)
        try expectEdit("general:\n  public_url: x\nstream:\n  outputs:\n    icecast:\n", general: site)
        try expectEdit("general:\n  public_url: x\nstream:\n  inputs: {}\n", general: site)
        try expectEdit("general:\n  public_url: x\n", general: site)
    }

    @Test func disabledOutputsAreNotValidated() throws {
        let input = config(icecast: "      - enabled: false\n        mount: \"not a mount\"\n      - mount: x y\n")
        let output = try expectEdit(input, general: site)
        #expect(output.contains("mount: \"not a mount\"\n"))
    }

    // MARK: Failures

    @Test func missingGeneralFails() {
        expectFailure("storage:\n  path: /srv/libretime\n", mentioning: ["general"])
        expectFailure("", mentioning: ["general"])
        expectFailure("# only a comment\n", mentioning: ["general"])
    }

    @Test func flowStyleIcecastFails() {
        expectFailure(config(icecast: "      [ {enabled: true, mount: main} ]\n").replacingOccurrences(of: "icecast:\n", with: "icecast: "),
                      mentioning: ["stream.outputs.icecast", "by hand"])
        expectFailure(config(icecast: "      - {enabled: true, mount: main}\n"), mentioning: ["Icecast output 1", "by hand"])
        expectFailure("general:\n  public_url: x\nstream: {outputs: {icecast: []}}\n", mentioning: ["stream", "by hand"])
        expectFailure(config(icecast: "      [ {enabled: true, mount: main} ]\n"), mentioning: ["stream.outputs.icecast", "by hand"])
    }

    @Test(arguments: ["main low", "main?x=1", "a#b", "\"ma\\\"in\"", "../etc", "/", "main/", "a//b", "\"\"", "ünï"])
    func hostileMountFails(mount: String) {
        let input = config(icecast: "      - enabled: false\n        mount: main\n      - enabled: true\n        mount: \(mount)\n")
        expectFailure(input, mentioning: ["Icecast output 2", "A-Z", "mount"])
    }

    @Test func enabledOutputWithoutMountFails() {
        expectFailure(config(icecast: "      - enabled: true\n        public_url:\n"), mentioning: ["Icecast output 1", "mount"])
        expectFailure(config(icecast: "      - enabled: true\n        mount:\n"), mentioning: ["Icecast output 1", "mount"])
    }

    @Test func unreadableValuesFail() {
        expectFailure(config(icecast: "      - enabled: maybe\n        mount: m\n"), mentioning: ["enabled", "true or false"])
        expectFailure(config(icecast: "      - enabled: true\n        mount: m\n        public_url: >\n          http://x\n"),
                      mentioning: ["public_url", "by hand"])
        expectFailure("general:\n  public_url:\n    http://continued.example.org\n", mentioning: ["general.public_url"])
        expectFailure("general:\n  public_url: \"http://x\n    y\"\n", mentioning: ["general.public_url"])
        expectFailure(config(icecast: "      - <<: *missing\n        mount: m\n"), mentioning: ["&missing"])
        expectFailure(config(icecast: "      - <<: [*default_icecast_output]\n        mount: m\n"), mentioning: ["<<"])
    }

    @Test func documentShapesItCannotEditFail() {
        expectFailure("general:\n  public_url: x\n---\ngeneral:\n  public_url: y\n", mentioning: ["several YAML documents"])
        expectFailure("general:\n  public_url: x\n...\n---\nother: 1\n", mentioning: ["several YAML documents"])
        expectFailure("general:\n\tpublic_url: x\n", mentioning: ["tab"])
        expectFailure("general:\n  public_url: x\n  public_url: y\n", mentioning: ["appears 2 times", "lines 2, 3"])
        expectFailure("general:\n  public_url: x\n   api_key: y\n", mentioning: ["general.public_url", "line 2"])
        expectFailure("--- {general: {public_url: x}}\n", mentioning: ["---"])
        expectFailure("- general\n", mentioning: ["line 1"])
    }

    @Test func documentMarkersAndCommentsAreAllowed() throws {
        let output = try expectEdit("%YAML 1.1\n---   # start\ngeneral:   # the section\n  public_url: x\n...\n# trailing\n",
                                    icecastStreamBase: nil, general: site)
        #expect(output == "%YAML 1.1\n---   # start\ngeneral:   # the section\n  public_url: \(site)\n...\n# trailing\n")
    }

    // MARK: The real file

    /// LibreTime installer's config.yml from the shared fixtures, when this checkout sits next
    /// to them (as in CI).
    @Test func installerFileFromSharedFixtures() throws {
        let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let fixture = repoRoot.appendingPathComponent("../shared/fixtures/config.yml.libretime-installer").standardizedFileURL
        if FileManager.default.fileExists(atPath: fixture.path) {
            let input = try String(contentsOf: fixture, encoding: .utf8)
            let output = try expectEdit(input, general: site, outputs: [0: base + "/main"])
            let before = input.components(separatedBy: "\n")
            let after = output.components(separatedBy: "\n")
            #expect(before.count == after.count)
            let changed = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }
            #expect(changed.map(\.element.1) == ["  public_url: \(site)", "        public_url: \(base)/main"])
            #expect(changed.map(\.element.0) == ["  public_url:", "        public_url:"])
            let mainLow = try parse(output)["stream"]?["outputs"]?["icecast"]?[1]
            #expect(mainLow == (try parse(input))["stream"]?["outputs"]?["icecast"]?[1])
            #expect(mainLow?["public_url"] == nil)
        }
    }
}
