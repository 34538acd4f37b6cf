/// Preflight: ports 80 and 443 (and Icecast's TLS port) are free, or held by the server that
/// will use them.
extension PreflightContext {
    func portChecks() -> [Check] {
        let proxy = answers.proxy
        var checks = [portCheck(.port80, port: 80, user: proxy.displayName, owners: [proxy.package])]
        if answers.https {
            checks.append(portCheck(.port443, port: 443, user: proxy.displayName, owners: [proxy.package]))
        }
        if securesIcecast, files.contents(of: ServerPaths.icecastConfig) != nil {
            checks.append(portCheck(.icecastPortFree, port: answers.icecastPort, user: "Icecast", owners: ["icecast2"]))
        }
        return checks
    }

    /// `owners` are the process names (`/proc/PID/comm`) allowed to hold the port.
    func portCheck(_ id: CheckID, port: Int, user: String, owners: [String]) -> Check {
        let title = "Port \(port) is free, or already \(user)'s"
        let listeners = probes.listeners(port: port)
        if listeners.isEmpty {
            return Check(id, title, .hard, .passed(seen: "Nothing listens on port \(port) yet."))
        }
        let others = listeners.filter { listener in !owners.contains(listener.command ?? "") }
        if others.isEmpty {
            let holder = describe(listeners)
            return Check(id, title, .hard, .passed(seen: "Port \(port) is held by \(holder), which \(user) is: fine."))
        }
        return Check(id, title, .hard, .failed(
            seen: "Port \(port) is held by \(describe(others)).",
            fix: portFix(port: port, user: user, others: others)))
    }

    private func portFix(port: Int, user: String, others: [Listener]) -> String {
        let names = Set(others.compactMap(\.command))
        if names.isEmpty {
            return "lt-setup could not tell which process holds it (run as root, or another namespace such as a container holds it): see `sudo ss -ltnp 'sport = :\(port)'`, then stop it."
        }
        if names == ["nginx"], answers.proxy == .apache {
            return "Apache cannot listen there while nginx does. LibreTime's own site listens on 8080; nginx's default site holds port \(port): remove /etc/nginx/sites-enabled/default and reload nginx (sudo systemctl reload nginx), or choose proxy: nginx."
        }
        if names == ["apache2"], answers.proxy == .nginx {
            return "nginx cannot listen there while Apache does: stop and disable it (sudo systemctl disable --now apache2), or choose proxy: apache."
        }
        let list = names.sorted().joined(separator: ", ")
        return "\(user) cannot listen there while \(list) does: stop and disable it (sudo systemctl disable --now \(names.sorted().first ?? list)), or move it to another port."
    }

    private func describe(_ listeners: [Listener]) -> String {
        var seen: [String] = []
        for listener in listeners {
            let process = listener.command.map { name in listener.pid.map { "\(name) (pid \($0))" } ?? name }
                ?? "an unidentified process"
            let text = "\(process) on \(listener.address)"
            if !seen.contains(text) { seen.append(text) }
        }
        return listed(seen)
    }
}
