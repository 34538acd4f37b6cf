import LTSetupCore

/// apt's candidate versions and the firewall tools' reports.
enum SystemFacts {
    /// `apt-cache policy NAME`'s `Candidate:`; nil for `(none)`, an unknown package, or no apt.
    static func packageCandidate(_ name: String) -> String? {
        guard let output = ProgramOutput.run(["apt-cache", "policy", name], timeout: .seconds(30)),
              output.termination.succeeded else { return nil }
        return candidate(inPolicy: output.text)
    }

    static func candidate(inPolicy text: String) -> String? {
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " })
            guard trimmed.hasPrefix("Candidate:") else { continue }
            let value = trimmed.dropFirst("Candidate:".count).drop(while: { $0 == " " })
            return value.isEmpty || value == "(none)" ? nil : String(value)
        }
        return nil
    }

    /// `ufw status` and `nft list ruleset`, each when installed and successful.
    static func firewall() -> FirewallOutputs {
        func output(_ argv: [String]) -> String? {
            guard ProgramPath.find(argv[0]) != nil,
                  let output = ProgramOutput.run(argv, timeout: .seconds(10)), output.termination.succeeded else { return nil }
            return output.text
        }
        return FirewallOutputs(ufwStatus: output(["ufw", "status"]), nftRuleset: output(["nft", "list", "ruleset"]))
    }
}
