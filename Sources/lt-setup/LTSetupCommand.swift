import ArgumentParser
import CNcursesw
import LTSetupCore
import LTSetupRuntime

@main
struct LTSetupCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "lt-setup",
        abstract: "Put a LibreTime radio station behind HTTPS, as LibreTime's \"Reverse proxy\" guide describes.",
        discussion: """
            lt-setup sets up nginx or Apache in front of LibreTime, gets a certificate from \
            Let's Encrypt with certbot, redirects http to https, adds Icecast's TLS socket so \
            that streams work on https pages, sets LibreTime's public URLs, and installs a \
            renewal hook that keeps Icecast's certificate current.

            Run it as root on the LibreTime server. You need a DNS name that points to this \
            server, ports 80, 443 and 8443 (Icecast's TLS port) reachable from the internet, \
            and an email address for the certificate authority's account.

            Without a command it starts the interactive wizard: keyboard only, it asks the \
            questions, previews every file it will create or change, runs each step with its \
            output live, and resumes where it stopped if the connection drops. To review \
            without the wizard, write an answers file and look at the plan:

              $ cat > answers.yml <<'EOF'
              proxy: nginx                 # nginx | apache
              domain: libretime.example.org
              backend: localhost:8080      # where LibreTime's web server listens
              https: true
              email: admin@example.org     # the ACME account: important notices
              acme_server: letsencrypt     # letsencrypt | staging | https URL
              secure_icecast: true
              icecast_port: 8443
              EOF
              $ lt-setup plan --answers answers.yml          # the steps, as a shell script
              $ lt-setup render --answers answers.yml --out /tmp/preview   # the files
              $ sudo lt-setup preflight --answers answers.yml    # what would go wrong
              $ sudo lt-setup apply --answers answers.yml        # do it (then verifies)
              $ sudo lt-setup verify --answers answers.yml       # does the station work?

            Only domain and email are required; the other values above are the defaults.

            \(HelpText.exitStatus(success: "on success", failure: "for any other failure"))
            """,
        version: "lt-setup \(version) (\(String(cString: cn_curses_version())))",
        subcommands: [WizardCommand.self, PlanCommand.self, RenderCommand.self, PreflightCommand.self,
                      ApplyCommand.self, VerifyCommand.self, StatusCommand.self, UndoCommand.self,
                      AttachCommand.self, PruneCommand.self, RunnerCommand.self],
        defaultSubcommand: WizardCommand.self
    )

    /// The names of the commands, in the order `--help` lists them (the runner, which
    /// front ends start, is not listed).
    static var commandNames: [String] {
        configuration.subcommands.filter { $0.configuration.shouldDisplay }.map { $0._commandName }
    }

    /// Parses and runs the command line, after refusing a first word that names no command.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let word = UnknownCommand.find(in: arguments, commands: commandNames + [RunnerCommand._commandName]) {
            CommandOutput.error(UnknownCommand.message(word, commands: commandNames))
            Self.exit(withError: ExitCode(HelpText.usageStatus))
        }
        Self.main(arguments)
    }
}
