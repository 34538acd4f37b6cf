import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup verify`: proof that the station works, checked from the outside in.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the station works over HTTPS, as visitors reach it. Changes nothing.",
        discussion: """
            Checked from this server, resolving the domain as it does (so a failure to reach \
            it means DNS trouble or a router without hairpin NAT, which LibreTime's own \
            services would hit too, since they call the API through public_url):

              http-redirect        http://DOMAIN/ answers 301 to https://DOMAIN/
              https                https://DOMAIN/ reaches LibreTime through the
                                   proxy (LibreTime's own answer to
                                   /api/v2/version, not just any page), and its
                                   chain verifies
              certificate          live/DOMAIN/cert.pem names DOMAIN, has not
                                   expired (its end date is shown), and is what
                                   port 443 serves
              upload               a 1.5 MB POST is not refused with 413
              icecast-tls          Icecast's port completes a TLS handshake and
                                   serves the live certificate (SHA-256 compared:
                                   an open port proves nothing, since Icecast
                                   serves plain HTTP when its bundle fails to load)
              icecast-public-urls  each enabled output's public_url is https on
                                   that port
              icecast-mounts       each stream answers with an HTTP status; a 404
                                   (no source on the air) is a warning
              public-url           LibreTime's general.public_url is https://DOMAIN
              renewal-hook         the deploy hook is installed and executable
              icecast-bundle       /etc/icecast2/bundle.pem is fullchain + privkey,
                                   root:icecast 0640

            TLS is checked with curl and openssl against the system's CAs, plus the bundle \
            named by REQUESTS_CA_BUNDLE when it is set (as for certbot with a private ACME CA).

            `lt-setup apply` runs it after a complete run.

            \(HelpText.examples([
                "sudo lt-setup verify --answers answers.yml",
                "REQUESTS_CA_BUNDLE=/etc/ssl/private-ca.pem sudo -E lt-setup verify --answers answers.yml",
            ]))

            \(HelpText.exitStatus(success: "when no check failed (WARN is allowed)",
                                  failure: "when a check failed or lt-setup is not run as root"))
            """
    )

    @OptionGroup var answersOption: AnswersOption

    func run() throws {
        let answers = try answersOption.load()
        try RootCheck.require("verify", reason: "it compares Icecast's bundle with the private key, which only root may read")
        let checks = Verification.run(answers, files: DiskServerFiles(), probes: SystemProbes())
        print("Verification of \(siteURL(answers)) (\(answers.proxy.displayName)):\n")
        print(CheckReport().text(checks), terminator: "")
        print("")
        print(VerifyCommand.summary(checks))
        if !checks.allHardChecksPass { throw ExitCode(1) }
    }

    func siteURL(_ answers: Answers) -> String {
        "\(answers.https ? "https" : "http")://\(answers.domain)"
    }

    static func summary(_ checks: [Check], glyphs: PlainGlyphs = .forLocale()) -> String {
        let counts = CheckReport.counts(checks)
        if checks.allHardChecksPass {
            return "\(glyphs.done) The station works (\(counts))."
        }
        let ids = CheckReport.listed(checks.blocking.map(\.id.rawValue))
        return "\(glyphs.failed) The station does not work yet (\(counts)): fix \(ids) as said above, then run lt-setup verify again."
    }
}
