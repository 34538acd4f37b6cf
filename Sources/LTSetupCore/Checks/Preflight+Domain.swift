/// Preflight: the domain resolves to this server, and its IPv6 record (if any) can be served.
extension PreflightContext {
    func domainCheck(_ resolution: Resolution) -> Check {
        let domain = answers.domain
        let title = "\(domain) points to this server"
        let addresses: [IPAddress]
        switch resolution {
        case .failed(let reason):
            return Check(.domain, title, .hard, .failed(
                seen: "\(domain) does not resolve (\(reason)).",
                fix: "Create an A record (and AAAA if the server has public IPv6) for \(domain) with this server's public address at your DNS provider; once `dig +short \(domain)` shows it, run again. The ACME server must reach this server by that name."))
        case .addresses(let resolved):
            addresses = resolved
        }
        let local = Set(probes.localAddresses)
        let shown = listed(addresses.map(\.description))
        if addresses.contains(where: { local.contains($0) && !$0.isLoopback }) {
            return Check(.domain, title, .hard, .passed(seen: "\(domain) resolves to \(shown), an address of this server."))
        }
        if addresses.allSatisfy(\.isLoopback) {
            return Check(.domain, title, .hard, .warning(
                seen: "\(domain) resolves to \(shown) here: loopback, probably from /etc/hosts.",
                fix: "The ACME server looks the name up in public DNS, not here: check from outside that it points to this server's public address (dig +short \(domain) @1.1.1.1)."))
        }
        let hostAddresses = local.filter { !$0.isLoopback }
        let foreign = addresses.filter { !local.contains($0) && !$0.isPrivate }
        if !foreign.isEmpty, !hostAddresses.isEmpty, hostAddresses.allSatisfy(\.isPrivate) {
            let own = listed(hostAddresses.map(\.description).sorted())
            return Check(.domain, title, .hard, .warning(
                seen: "\(domain) resolves to \(shown), which is not on this server; this server has only private addresses (\(own)): it is probably behind NAT.",
                fix: "Make sure the router forwards ports \(listed(publicPorts.map(String.init))) to \(own), then check from outside: from another network, `curl -I http://\(domain)/` must reach this server (an online port checker works too)."))
        }
        let own = listed(hostAddresses.map(\.description).sorted())
        return Check(.domain, title, .hard, .failed(
            seen: "\(domain) resolves to \(shown), which is not an address of this server (\(own.isEmpty ? "it has none but loopback" : "its addresses: \(own)")).",
            fix: "Point \(domain)'s A record to this server's public address at your DNS provider and wait until `dig +short \(domain)` shows it; or run lt-setup on the server the name points to."))
    }

    /// Nil when the domain does not resolve: the domain check says so already.
    func ipv6Check(_ resolution: Resolution) -> Check? {
        guard case .addresses(let addresses) = resolution else { return nil }
        let domain = answers.domain
        let title = "IPv6 visitors reach \(domain)"
        let v6 = addresses.filter(\.isIPv6)
        if v6.isEmpty {
            return Check(.ipv6, title, .soft, .passed(seen: "\(domain) has no IPv6 address (AAAA record): visitors and the ACME server use IPv4."))
        }
        let local = Set(probes.localAddresses)
        let foreign = v6.filter { !local.contains($0) }
        if !foreign.isEmpty {
            return Check(.ipv6, title, .soft, .warning(
                seen: "\(domain) has an AAAA record (\(listed(foreign.map(\.description)))) that is not an address of this server.",
                fix: "Let's Encrypt and IPv6 visitors try it first: point the AAAA record to this server's IPv6 address, or remove it."))
        }
        if answers.proxy == .nginx {
            return Check(.ipv6, title, .soft, .warning(
                seen: "\(domain) has an AAAA record (\(listed(v6.map(\.description)))), but the nginx site lt-setup writes listens on IPv4 only (`listen 80;`, as in the guide).",
                fix: "IPv6 visitors, and Let's Encrypt, which tries IPv6 first, would not reach the site: remove the AAAA record, or add `listen [::]:80;` (and `listen [::]:443 ssl;` after certbot) to \(paths.siteAvailable) yourself."))
        }
        return Check(.ipv6, title, .soft, .passed(
            seen: "\(domain) has an AAAA record for this server, and Apache's `Listen 80`/`443` take IPv6 too."))
    }
}
