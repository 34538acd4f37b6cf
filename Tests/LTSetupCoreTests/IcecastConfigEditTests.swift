import Foundation
import Testing
@testable import LTSetupCore

private typealias Fixture = IcecastConfigFixture

/// The guide's bundle path, used wherever the certificate path does not matter.
private let bundle = "/etc/icecast2/bundle.pem"

/// The edit's output, or a thrown `EditError` when it refuses.
private func enabled(_ xml: String, port: Int = 8443, certificate: String = bundle) throws -> String {
    try IcecastConfigEdit.enableTLS(in: xml, port: port, certificatePath: certificate).get()
}

/// The refusal message, or nil when the edit succeeded.
private func refusal(_ xml: String, port: Int = 8443) -> String? {
    if case .failure(let error) = IcecastConfigEdit.enableTLS(in: xml, port: port, certificatePath: bundle) {
        return error.message
    }
    return nil
}

@Suite struct IcecastConfigEditTests {
    // MARK: The two layouts

    @Test func debianLayoutGetsTheGuidesChangeExactly() throws {
        #expect(try enabled(Fixture.debianStyle) == Fixture.debianStyleEnabled)
    }

    @Test func debianLayoutIsIdempotent() throws {
        let once = try enabled(Fixture.debianStyle)
        #expect(try enabled(once) == once)
    }

    @Test func installerLayoutGetsTheSameTwoLineChange() throws {
        let result = try enabled(Fixture.installerStyle)
        let diff = LineDiff.between(Fixture.installerStyle, result)
        #expect(diff.removed == ["    <!--", "    -->"])
        #expect(diff.added == ["        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>"])
        #expect(result.contains("""
                </listen-socket>
                <listen-socket>
                    <port>8443</port>
                    <ssl>1</ssl>
                </listen-socket>

                <!--
                <mount type="default">
            """))
        #expect(result.contains("""
                <alias source="/" destination="/status.xsl" />
                <!-- The certificate file needs to contain both public and private part.
                <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>
                -->
                <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>
            </paths>
        """))
        #expect(try enabled(result) == result)
    }

    // MARK: The socket

    @Test func alreadyEnabledSocketAndCertificateAreLeftAlone() throws {
        #expect(try enabled(Fixture.debianStyleEnabled) == Fixture.debianStyleEnabled)
    }

    @Test func socketCommentedOnOneLineLosesOnlyTheMarkers() throws {
        let input = Fixture.config(socket: "    <!-- <listen-socket><port>8443</port><ssl>1</ssl></listen-socket> -->\n")
        let result = try enabled(input)
        #expect(result.contains("\n     <listen-socket><port>8443</port><ssl>1</ssl></listen-socket> \n"))
        #expect(!result.contains("<!--"))
        #expect(LineDiff.between(input, result).removed == ["    <!-- <listen-socket><port>8443</port><ssl>1</ssl></listen-socket> -->"])
        #expect(try enabled(result) == result)
    }

    @Test func markersSharingLinesWithTheSocketAreRemovedAlone() throws {
        let input = Fixture.config(socket: """
                <!--<listen-socket>
                    <port>8443</port>
                    <ssl>1</ssl>
                </listen-socket>-->

            """)
        let result = try enabled(input)
        #expect(result.contains("""
                </listen-socket>
                <listen-socket>
                    <port>8443</port>
                    <ssl>1</ssl>
                </listen-socket>
                <paths>
            """))
        #expect(try enabled(result) == result)
    }

    @Test func otherPortGetsANewBlockAfterTheLastActiveSocket() throws {
        let result = try enabled(Fixture.debianStyle, port: 9443)
        let diff = LineDiff.between(Fixture.debianStyle, result)
        #expect(diff.removed.isEmpty)
        #expect(diff.added == [
            "    <listen-socket>", "        <port>9443</port>", "        <ssl>1</ssl>", "    </listen-socket>",
            "        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>",
        ])
        #expect(result.contains("""
                <!-- <shoutcast-mount>/stream</shoutcast-mount> -->
            </listen-socket>
            <listen-socket>
                <port>9443</port>
                <ssl>1</ssl>
            </listen-socket>
            <!--
            <listen-socket>
                <port>8080</port>
        """))
        #expect(try enabled(result, port: 9443) == result)
    }

    @Test func newBlockFollowsTheFilesIndentation() throws {
        let input = "<icecast>\n\t<listen-socket>\n\t\t<port>8000</port>\n\t</listen-socket>\n"
            + "\t<paths>\n\t\t<logdir>/var/log/icecast2</logdir>\n\t</paths>\n</icecast>\n"
        let expected = "<icecast>\n\t<listen-socket>\n\t\t<port>8000</port>\n\t</listen-socket>\n"
            + "\t<listen-socket>\n\t\t<port>8443</port>\n\t\t<ssl>1</ssl>\n\t</listen-socket>\n"
            + "\t<paths>\n\t\t<logdir>/var/log/icecast2</logdir>\n"
            + "\t\t<ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n\t</paths>\n</icecast>\n"
        #expect(try enabled(input) == expected)
    }

    @Test func newBlockStaysInsideTheRootWhenItSharesTheSocketsLine() throws {
        let input = "<icecast><listen-socket><port>8000</port></listen-socket></icecast>"
        // No <paths>, so check the socket part through the error-free variant below.
        #expect(refusal(input)?.contains("<paths>") == true)
        let withPaths = "<icecast><paths/><listen-socket><port>8000</port></listen-socket></icecast>"
        #expect(try enabled(withPaths) == "<icecast><paths><ssl-certificate>/etc/icecast2/bundle.pem"
            + "</ssl-certificate></paths><listen-socket><port>8000</port></listen-socket>\n"
            + "<listen-socket>\n    <port>8443</port>\n    <ssl>1</ssl>\n</listen-socket></icecast>")
    }

    @Test func commentedSocketWithoutTLSIsNotUncommented() throws {
        let input = Fixture.config(socket: "    <!--\n    <listen-socket>\n        <port>8443</port>\n    </listen-socket>\n    -->\n")
        let result = try enabled(input)
        #expect(result.contains("    <!--\n    <listen-socket>\n        <port>8443</port>\n    </listen-socket>\n    -->\n"))
        #expect(LineDiff.between(input, result).added.contains("        <ssl>1</ssl>"))
        #expect(try enabled(result) == result)
    }

    @Test func commentWithMoreThanTheSocketIsNotUncommented() throws {
        let input = Fixture.config(socket: """
                <!-- an example:
                <listen-socket>
                    <port>8443</port>
                    <ssl>1</ssl>
                </listen-socket>
                -->

            """)
        let result = try enabled(input)
        #expect(result.contains("<!-- an example:\n    <listen-socket>"))
        #expect(LineDiff.between(input, result).removed.isEmpty)
    }

    @Test func plainSocketOnTheRequestedPortIsRefused() throws {
        let message = try #require(refusal(Fixture.debianStyle, port: 8000))
        #expect(message.contains("port 8000 is already used by a plain (non-TLS) <listen-socket>"))
        #expect(message.contains("icecast_port"))
        #expect(message.contains("line 13"))
        let sslOff = Fixture.config(socket: "    <listen-socket>\n        <port>8443</port>\n        <ssl>0</ssl>\n    </listen-socket>\n")
        #expect(refusal(sslOff)?.contains("port 8443 is already used by a plain") == true)
    }

    @Test func socketWhosePortIsOnlyInACommentDoesNotCount() throws {
        let input = Fixture.config(socket: "    <listen-socket>\n        <!-- <port>8443</port> -->\n        <port>8001</port>\n    </listen-socket>\n")
        let result = try enabled(input)
        #expect(result.contains("        <port>8001</port>\n    </listen-socket>\n    <listen-socket>\n        <port>8443</port>\n"))
    }

    @Test func noActiveSocketIsRefused() {
        let input = "<icecast>\n    <!-- <listen-socket><port>8000</port></listen-socket> -->\n"
            + "    <paths>\n    </paths>\n</icecast>\n"
        #expect(refusal(input)?.contains("no active <listen-socket>") == true)
    }

    // MARK: The certificate

    @Test func existingCertificateWithAnotherPathIsReplaced() throws {
        let input = Fixture.config(paths: "        <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>\n")
        let result = try enabled(input)
        let diff = LineDiff.between(input, result)
        #expect(diff.removed == ["        <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>"])
        #expect(diff.added.contains("        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>"))
        #expect(try enabled(result, port: 8443) == result)
    }

    @Test func existingCertificateWithTheSamePathIsUntouched() throws {
        let input = Fixture.config(
            socket: "    <listen-socket><port>8443</port><ssl>1</ssl></listen-socket>\n",
            paths: "        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate> <!-- ours -->\n")
        #expect(try enabled(input) == input)
    }

    @Test func certificateOutsidePathsOrInACommentDoesNotCount() throws {
        let input = Fixture.config(
            socket: "    <ssl-certificate>/elsewhere.pem</ssl-certificate>\n",
            paths: "        <!-- <ssl-certificate>/old.pem</ssl-certificate> -->\n")
        let result = try enabled(input)
        #expect(result.contains("    <ssl-certificate>/elsewhere.pem</ssl-certificate>\n"))
        #expect(result.contains("<!-- <ssl-certificate>/old.pem</ssl-certificate> -->\n"
            + "        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n    </paths>"))
    }

    @Test func certificateIsIndentedLikeTheOtherChildrenOfPaths() throws {
        let input = "<icecast>\n  <listen-socket><port>8443</port><ssl>1</ssl></listen-socket>\n"
            + "  <paths>\n      <logdir>/l</logdir>\n  </paths>\n</icecast>\n"
        #expect(try enabled(input) == "<icecast>\n  <listen-socket><port>8443</port><ssl>1</ssl></listen-socket>\n"
            + "  <paths>\n      <logdir>/l</logdir>\n      <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n"
            + "  </paths>\n</icecast>\n")
        let empty = "<icecast>\n  <listen-socket><port>8443</port><ssl>1</ssl></listen-socket>\n"
            + "  <paths>\n  </paths>\n</icecast>\n"
        #expect(try enabled(empty).contains("  <paths>\n    <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n  </paths>"))
    }

    @Test func noPathsIsRefused() {
        let input = "<icecast>\n    <listen-socket>\n        <port>8000</port>\n    </listen-socket>\n"
            + "    <!-- <paths></paths> -->\n</icecast>\n"
        #expect(refusal(input)?.contains("no active <paths>") == true)
    }

    // MARK: Refusals of files lt-setup should not edit

    @Test func icecast25SyntaxIsRefused() throws {
        let tls = Fixture.config(socket: "    <listen-socket>\n        <port>8443</port>\n        <tls>1</tls>\n    </listen-socket>\n")
        let message = try #require(refusal(tls))
        #expect(message.contains("this looks like Icecast 2.5 configuration (<tls>"))
        #expect(message.contains("secure_icecast: false"))
        let certificate = Fixture.config(paths: "        <tls-certificate>/etc/icecast.pem</tls-certificate>\n")
        #expect(refusal(certificate)?.contains("Icecast 2.5 configuration (<tls-certificate>") == true)
        let commented = Fixture.config(paths: "        <!-- <tls-certificate>/etc/icecast.pem</tls-certificate> -->\n")
        #expect(refusal(commented) == nil)
    }

    @Test func unterminatedCommentIsRefused() {
        let message = refusal(Fixture.config(paths: "        <!-- never closed\n"))
        #expect(message?.contains("not well-formed") == true)
        #expect(message?.contains("never closed with -->") == true)
    }

    @Test func missingRootOrMismatchedTagsAreRefused() {
        #expect(refusal("<config>\n    <listen-socket><port>8000</port></listen-socket>\n</config>\n")?
            .contains("no <icecast> root element") == true)
        #expect(refusal("") != nil)
        #expect(refusal("<icecast>\n    <paths>\n</icecast>\n")?.contains("not well-formed") == true)
        #expect(refusal("<icecast>\n    <paths>\n    </paths>\n")?.contains("never closed") == true)
    }

    @Test func xmlDeclarationAndQuotedAngleBracketsAreNotTags() throws {
        let input = "<?xml version=\"1.0\"?>\n<icecast>\n    <http-headers>\n"
            + "        <header name=\"X-Note\" value=\"a > b, <!-- not a comment\" />\n    </http-headers>\n"
            + "    <listen-socket>\n        <port>8000</port>\n    </listen-socket>\n"
            + "    <paths>\n    </paths>\n</icecast>\n"
        let result = try enabled(input)
        #expect(LineDiff.between(input, result).removed.isEmpty)
        #expect(LineDiff.between(input, result).added.count == 5)
        #expect(try enabled(result) == result)
    }

    // MARK: Bytes that must survive

    @Test func crlfLineEndingsAreKept() throws {
        #expect(try enabled(Fixture.crlf(Fixture.debianStyle)) == Fixture.crlf(Fixture.debianStyleEnabled))
        let withNewBlock = try enabled(Fixture.crlf(Fixture.debianStyle), port: 9443)
        let withNewBlockLF = try enabled(Fixture.debianStyle, port: 9443)
        #expect(withNewBlock == Fixture.crlf(withNewBlockLF))
        #expect(try enabled(withNewBlock, port: 9443) == withNewBlock)
    }

    @Test func missingFinalNewlineStaysMissing() throws {
        let input = String(Fixture.debianStyle.dropLast())
        let result = try enabled(input)
        #expect(result == String(Fixture.debianStyleEnabled.dropLast()))
    }

    @Test(arguments: [8443, 9443, 8000 + 1])
    func idempotentOnEveryFixture(port: Int) throws {
        for fixture in [Fixture.debianStyle, Fixture.installerStyle, Fixture.crlf(Fixture.installerStyle), Fixture.config()] {
            let once = try enabled(fixture, port: port, certificate: "/etc/ssl/private/radio.pem")
            #expect(try enabled(once, port: port, certificate: "/etc/ssl/private/radio.pem") == once)
        }
    }

    // MARK: The real files, when the shared fixtures are beside the repository

    @Test(arguments: ["icecast.xml.debian-2.4.4", "icecast.xml.libretime-installer"])
    func realFixture(name: String) throws {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/\(name)")
        // CI has these files; a checkout without them skips only this block.
        if let data = FileManager.default.contents(atPath: file.path) {
            let original = String(decoding: data, as: UTF8.self)
            let result = try enabled(original)
            let diff = LineDiff.between(original, result)
            #expect(diff.removed == ["    <!--", "    -->"])
            #expect(diff.added == ["        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>"])
            #expect(result.contains("    -->\n    <listen-socket>\n        <port>8443</port>\n        <ssl>1</ssl>\n    </listen-socket>\n\n\n"))
            #expect(result.contains("    -->\n        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n    </paths>\n"))
            #expect(try enabled(result) == result)
            let otherPort = try enabled(original, port: 9443)
            #expect(LineDiff.between(original, otherPort).added.count == 5)
            #expect(try enabled(otherPort, port: 9443) == otherPort)
        }
    }
}
