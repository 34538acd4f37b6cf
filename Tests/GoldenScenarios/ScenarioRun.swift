import LTSetupCore
import LTSetupUI

/// What a fake run reports, step by step: the events the program would turn into actions,
/// with the clock ticking so that elapsed times come out the same every time.
public enum ScenarioRun {
    /// The certificate request that fails when the domain does not resolve yet.
    public static let certificateFailure = StepOutcome.failed(
        "certbot exited with code 1: Detail: DNS problem: NXDOMAIN looking up A for \(ScenarioFixtures.domain) - check that a DNS record exists for this domain",
        restored: [])

    /// A step from start to end: started at `start` seconds, lasting `seconds`.
    public static func step(_ step: Step, number: Int, of total: Int, start: Double, seconds: Double,
                            outcome: StepOutcome = .done) -> [ScenarioStep] {
        started(step, number: number, of: total, start: start, outputLines: .max, outcome: outcome)
            + [.program(.tick(seconds: start + seconds)), .program(.runEvent(.stepFinished(step.id, outcome)))]
    }

    /// A step started at `start` that has printed its first `outputLines` lines.
    public static func started(_ step: Step, number: Int, of total: Int, start: Double, outputLines: Int,
                               outcome: StepOutcome = .done) -> [ScenarioStep] {
        var steps: [ScenarioStep] = [
            .program(.tick(seconds: start)),
            .program(.runEvent(.stepStarted(step.id, title: step.title, number: number, of: total))),
        ]
        var printed = 0
        for action in step.actions {
            guard printed < outputLines else { break }
            steps.append(.program(.runEvent(.actionStarted(step.id, action.logLine))))
            for line in output(of: action, in: step, failing: outcome != .done) where printed < outputLines {
                steps.append(.program(.runEvent(.output(step.id, line))))
                printed += 1
            }
        }
        return steps
    }

    /// Every step of `plan` run to the end, from `start` on, two seconds or so each.
    public static func all(_ plan: Plan, start: Double) -> [ScenarioStep] {
        var time = start
        var steps: [ScenarioStep] = []
        for (index, planned) in plan.steps.enumerated() {
            let seconds = duration(planned.id)
            steps += step(planned, number: index + 1, of: plan.steps.count, start: time, seconds: seconds)
            time += seconds + 0.1
        }
        return steps + [.program(.runEnded)]
    }

    /// How long each step takes in the fake run.
    public static func duration(_ id: StepID) -> Double {
        switch id {
        case .packages: 31.4
        case .certificate: 18.2
        case .renewalDryRun: 9.6
        case .restartProxy, .restartIcecast: 1.2
        case .restartLibretime: 4.3
        default: 0.1
        }
    }

    /// What the action's program prints in the fake run.
    static func output(of action: Action, in step: Step, failing: Bool) -> [String] {
        let command: Command
        switch action {
        case .run(let run), .configTest(let run, _): command = run
        default: return []
        }
        switch command.argv.prefix(2).joined(separator: " ") {
        case "apt-get update": return aptUpdate
        case "apt-get install": return aptInstall
        case "nginx -t": return nginxTest
        case "certbot --nginx": return failing ? certbotFailure : certbotSuccess
        case "certbot renew": return ["Simulating renewal of an existing certificate for \(ScenarioFixtures.domain)",
                                      "Congratulations, all simulated renewals succeeded:"]
        default: return []
        }
    }

    static let aptUpdate = [
        "Hit:1 http://deb.debian.org/debian bookworm InRelease",
        "Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]",
        "Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]",
        "Fetched 103 kB in 1s (142 kB/s)",
        "Reading package lists...",
    ]

    static let aptInstall = [
        "Reading package lists...",
        "Building dependency tree...",
        "The following NEW packages will be installed:",
        "  python3-certbot-nginx python3-pyparsing",
        "0 upgraded, 2 newly installed, 0 to remove and 0 not upgraded.",
        "Setting up python3-pyparsing (3.0.9-1) ...",
        "Setting up python3-certbot-nginx (2.1.0-2) ...",
    ]

    static let nginxTest = [
        "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok",
        "nginx: configuration file /etc/nginx/nginx.conf test is successful",
    ]

    static let certbotSuccess = [
        "Saving debug log to /var/log/letsencrypt/letsencrypt.log",
        "Requesting a certificate for \(ScenarioFixtures.domain)",
        "Successfully received certificate.",
        "Certificate is saved at: /etc/letsencrypt/live/\(ScenarioFixtures.domain)/fullchain.pem",
        "Deploying certificate",
        "Congratulations! You have successfully enabled HTTPS on https://\(ScenarioFixtures.domain)",
    ]

    static let certbotFailure = [
        "Saving debug log to /var/log/letsencrypt/letsencrypt.log",
        "Requesting a certificate for \(ScenarioFixtures.domain)",
        "",
        "Certbot failed to authenticate some domains (authenticator: nginx). The Certificate Authority reported these problems:",
        "  Domain: \(ScenarioFixtures.domain)",
        "  Type:   dns",
        "  Detail: DNS problem: NXDOMAIN looking up A for \(ScenarioFixtures.domain) - check that a DNS record exists for this domain",
        "",
        "Hint: The Certificate Authority failed to verify the temporary nginx configuration changes made by Certbot. Ensure the listed domains point to this nginx server and that it is accessible from the internet.",
        "",
        "Some challenges have failed.",
        "Ask for help or search for solutions at https://community.letsencrypt.org. See the logfile /var/log/letsencrypt/letsencrypt.log or re-run Certbot with -v for more details.",
    ]
}
