/// What a run takes off the air, and how long it usually lasts: told before it starts, in the
/// wizard's Preview and Run screens and by `apply`.
extension Plan {
    /// One sentence per service the run restarts, with the step that does it, then what
    /// renewals will restart later, then the run's usual length. Each fits a line of 74
    /// columns, so that they fit the Run screen at 80×24.
    public var offAir: [String] {
        var lines: [String] = []
        var told: Set<String> = []
        for (index, step) in steps.enumerated() where step.status.willRun {
            for service in step.restartedServices where !told.contains(service) {
                told.insert(service)
                lines.append(Self.interruption(service, step: index + 1))
            }
        }
        if lines.isEmpty { lines.append("Nothing is restarted: listeners and the web interface stay on.") }
        if steps.contains(where: { $0.id == .renewalHook && !isSkipped($0) }) {
            lines.append("Every renewal (certbot's timer or cron job) restarts Icecast via the hook.")
        }
        lines.append(usualDuration)
        return lines
    }

    /// How long a run of this plan usually takes, from what it runs.
    var usualDuration: String {
        let slow: Set<StepID> = [.packages, .certificate, .renewalDryRun]
        if steps.contains(where: { $0.status.willRun && slow.contains($0.id) }) {
            return "A run usually takes 1 to 3 minutes."
        }
        return "A run usually takes under a minute."
    }

    private func isSkipped(_ step: Step) -> Bool {
        if case .skipped = step.status { return true }
        return false
    }

    static func interruption(_ service: String, step: Int) -> String {
        switch service {
        case "icecast2":
            "Icecast restarts at step \(step): listeners are cut off and must reconnect."
        case LibreTimeService.target:
            "LibreTime restarts at step \(step): a few seconds of dead air."
        case "nginx", "apache2":
            "\(service == "nginx" ? "nginx" : "Apache") restarts at step \(step): web pages are away for a second."
        default:
            "\(service) restarts at step \(step)."
        }
    }
}

extension Step {
    /// The services this step restarts, by a restart or through a program that does.
    public var restartedServices: [String] {
        actions.flatMap { action -> [String] in
            switch action {
            case .restart(let service, _): [service]
            case .run(let command): command.restarts
            default: []
            }
        }
    }
}
