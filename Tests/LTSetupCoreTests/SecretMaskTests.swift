@testable import LTSetupCore
import Testing

@Suite struct SecretMaskTests {
    @Test func namesDecideWhatIsSecret() {
        for name in ["password", "api_key", "secret_key", "source-password", "admin-password",
                     "master-password", "source_password", "client_secret", "auth_token", "ssl_key", "API_KEY"] {
            #expect(SecretMask.isSecret(name), "\(name)")
        }
        for name in ["public_url", "user", "admin-user", "port", "keys", "mount", "passwords-file", "host"] {
            #expect(!SecretMask.isSecret(name), "\(name)")
        }
    }

    @Test func icecastPasswordsAreMaskedAndTheirTagsKept() {
        let masked = SecretMask.masked(SecretFixtures.icecastXML)
        for secret in SecretFixtures.icecastSecrets {
            #expect(!masked.contains(secret), "\(secret)")
        }
        #expect(masked.contains("        <source-password>********</source-password>\n"))
        #expect(masked.contains("    <!--<master-password>********</master-password>-->\n"))
        #expect(masked.contains("        <admin-user>admin</admin-user>\n"))
        #expect(TextLine.split(masked).count == TextLine.split(SecretFixtures.icecastXML).count)
    }

    @Test func libretimeKeysAndPasswordsAreMaskedAndTheirKeysKept() {
        let masked = SecretMask.masked(SecretFixtures.libretimeConfig)
        for secret in SecretFixtures.libretimeSecrets {
            #expect(!masked.contains(secret), "\(secret)")
        }
        #expect(masked.contains("  api_key: ********\n"))
        #expect(masked.contains("  password: ********\n"))
        #expect(masked.contains("  user: libretime\n"))
        #expect(masked.contains("public_url:\n"))
        // Only the secret lines differ.
        let changed = zip(TextLine.split(masked), TextLine.split(SecretFixtures.libretimeConfig)).filter { $0 != $1 }
        #expect(changed.count == SecretFixtures.libretimeSecrets.count)
    }

    @Test func secretsSpreadOverLinesAreMaskedToTheirEnd() {
        let xml = "<password>\n  first\n  second</password>\n<user>me</user>\n"
        #expect(SecretMask.masked(xml) == "<password>\n  ********\n  ********</password>\n<user>me</user>\n")
        let yaml = "db:\n  password: |\n    line one\n    line two\n  user: me\n"
        #expect(SecretMask.masked(yaml) == "db:\n  password: |\n    ********\n    ********\n  user: me\n")
        #expect(SecretMask.masked("- api_key: x # old\n# token: y") == "- api_key: ********\n# token: ********")
    }

    @Test func filesWithoutSecretsAreLeftAsTheyAre() {
        let site = "server {\n    listen 80;\n    proxy_set_header Host $host;\n}\n"
        #expect(SecretMask.masked(site) == site)
        #expect(!SecretMask.hasSecret(site))
        #expect(SecretMask.hasSecret(SecretFixtures.libretimeConfig))
    }

    /// The diff decides on the real lines and shows the masked ones.
    @Test func aDiffShowsMaskedLines() {
        let old = "a: 1\napi_key: k1\nb: 2\n"
        let new = "a: 2\napi_key: k1\nb: 2\n"
        let lines = UnifiedDiff.lines(from: old, to: new, shownOld: SecretMask.maskedLines(old),
                                      shownNew: SecretMask.maskedLines(new)).map(\.text)
        #expect(lines == ["@@ -1,3 +1,3 @@", "-a: 1", "+a: 2", " api_key: ********", " b: 2"])
    }
}
