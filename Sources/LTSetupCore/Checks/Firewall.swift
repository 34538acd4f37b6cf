/// What the firewall tools' output says about incoming connections.
public enum Firewall: Sendable, Equatable {
    /// ufw is active; `allowed` are the port numbers its rules mention with ALLOW (app
    /// profiles such as "Nginx Full" are not expanded).
    case ufw(allowed: Set<Int>)
    /// An nftables chain on the input hook drops by default; `allowed` are the ports its
    /// `dport` rules accept, as far as a line reader can tell.
    case nftables(chain: String, allowed: Set<Int>)
    /// Neither: no active ufw, no input chain with `policy drop`.
    case none

    /// Reads the tools' outputs; ufw wins, since it writes nftables rules itself.
    public static func detect(_ outputs: FirewallOutputs) -> Firewall {
        if let status = outputs.ufwStatus, status.contains("Status: active") {
            return .ufw(allowed: ufwAllowedPorts(status))
        }
        if let ruleset = outputs.nftRuleset, let chain = droppingInputChain(ruleset) {
            return .nftables(chain: chain.name, allowed: nftAcceptedPorts(chain.lines))
        }
        return .none
    }

    /// Ports in lines such as `80/tcp  ALLOW  Anywhere`, `80,443/tcp ALLOW IN Anywhere`,
    /// `8443 (v6) ALLOW Anywhere (v6)`.
    static func ufwAllowedPorts(_ status: String) -> Set<Int> {
        var ports: Set<Int> = []
        for line in status.split(separator: "\n") where line.contains("ALLOW") {
            let target = line.split(separator: " ").first ?? ""
            let numbers = target.prefix { $0 != "/" }.split(separator: ",")
            for number in numbers {
                let bounds = number.split(separator: ":").compactMap { Int($0) }
                if bounds.count == 1 { ports.insert(bounds[0]) }
                if bounds.count == 2, bounds[0] <= bounds[1], bounds[1] - bounds[0] < 70000 {
                    ports.formUnion(bounds[0]...bounds[1])
                }
            }
        }
        return ports
    }

    /// The first chain whose `type filter hook input` line has `policy drop`.
    static func droppingInputChain(_ ruleset: String) -> (name: String, lines: [Substring])? {
        var name: String?
        var lines: [Substring] = []
        for line in ruleset.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.hasPrefix("chain ") {
                name = String(trimmed.dropFirst("chain ".count).prefix { $0 != " " && $0 != "{" })
                lines = []
            } else if trimmed.hasPrefix("}") {
                if let found = name, lines.contains(where: isDroppingInputHook) { return (found, lines) }
                name = nil
            } else if name != nil {
                lines.append(trimmed)
            }
        }
        return nil
    }

    static func isDroppingInputHook(_ line: Substring) -> Bool {
        line.contains("hook input") && line.contains("policy drop")
    }

    /// Ports of `tcp dport 80 accept`, `tcp dport { 80, 443 } accept`.
    static func nftAcceptedPorts(_ lines: [Substring]) -> Set<Int> {
        var ports: Set<Int> = []
        for line in lines where line.contains("dport") && line.contains("accept") {
            guard let range = line.firstRange(of: "dport") else { continue }
            let rest = line[range.upperBound...]
            let words = rest.split(whereSeparator: { " {},".contains($0) })
            for word in words {
                if word == "accept" || word.hasPrefix("ct") || word == "counter" { break }
                if let port = Int(word) { ports.insert(port) }
            }
        }
        return ports
    }
}
