import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup preflight`: what would go wrong, before anything changes.
struct PreflightCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preflight",
        abstract: "Check this server before apply: what would make the run fail, and what to know first. Changes nothing.",
        discussion: """
            Each check prints its mark (ok, WARN or FAILED; a check mark, a warning sign or \
            a cross in a UTF-8 terminal), its id, what it saw, and what to do. A hard check \
            that FAILED means apply would fail too, so it refuses to start. A WARN is advice: \
            the run can go on.

            The checks, in order (* = hard: its failure stops apply):
            * root                running as root
            * os                  Debian or Ubuntu, with apt-get
              os-version          a release lt-setup knows: Debian 11, 12, 13,
                                  Ubuntu 20.04, 22.04, 24.04
              libretime-config    /etc/libretime/config.yml (else its steps are
                                  skipped)
              libretime-site      the listen port of LibreTime's own nginx site,
                                  against the backend
            * backend             a TCP connection, then GET /api/v2/version
                                  (--allow-unreachable-backend makes it a warning)
            * port-80, port-443   free, or held by the chosen proxy; else who
                                  holds them (from /proc)
            * port-icecast        Icecast's TLS port: free, or Icecast's
            * domain              resolves, as this server resolves it, to one of
                                  its addresses (behind NAT: a warning, with a
                                  way to check from outside)
              ipv6                an AAAA record that this set-up can serve
            * packages            the proxy and certbot: installed or installable
            * certbot-version     0.30 or later (older ones lack flags lt-setup
                                  uses); what it means for the renewal hook
            * icecast             Icecast 2.4 (2.5 is refused with secure_icecast)
              verify-tools        curl and openssl, which lt-setup verify uses
              existing-certificate  reused, or under another name (DOMAIN-0001)
              firewall            ufw or nftables: ports 80, 443 and Icecast's open

            Run it as root: several checks read what only root may (other users' sockets, \
            nftables). `lt-setup apply` runs the same checks first.

            \(HelpText.examples([
                "sudo lt-setup preflight --answers answers.yml",
                "sudo lt-setup preflight --answers answers.yml --allow-unreachable-backend",
            ]))

            \(HelpText.exitStatus(success: "when no hard check failed (WARN is allowed)",
                                  failure: "when a hard check failed"))
            """
    )

    @OptionGroup var answersOption: AnswersOption
    @OptionGroup var options: PreflightFlags

    func run() throws {
        let answers = try answersOption.load()
        let checks = Preflight.run(answers, files: DiskServerFiles(), probes: SystemProbes(), options: options.preflightOptions)
        print("Preflight for \(answers.domain) (\(answers.proxy.displayName), backend \(answers.backend.answer)); nothing is changed.\n")
        print(CheckReport().text(checks), terminator: "")
        print("")
        print(PreflightCommand.summary(checks))
        if !checks.allHardChecksPass { throw ExitCode(1) }
    }

    static func summary(_ checks: [Check], glyphs: PlainGlyphs = .forLocale()) -> String {
        let counts = CheckReport.counts(checks)
        if checks.allHardChecksPass {
            return "\(glyphs.done) Ready to apply (\(counts))."
        }
        let ids = CheckReport.listed(checks.blocking.map(\.id.rawValue))
        return "\(glyphs.failed) Not ready (\(counts)): fix \(ids) as said above, then run again."
    }
}

/// The preflight options that `apply` shares.
struct PreflightFlags: ParsableArguments {
    @Flag(name: .long, help: "Report a backend that does not answer as a warning, not a failure (LibreTime not started yet).")
    var allowUnreachableBackend = false

    var preflightOptions: PreflightOptions {
        PreflightOptions(allowUnreachableBackend: allowUnreachableBackend)
    }
}
