/// Preflight: ports 80 and 443 (and Icecast's TLS port) are free, or held by the server that
/// will use them.
extension PreflightContext {
    func portChecks() -> [Check] {
        let proxy = answers.proxy
        var checks = [portCheck(.port80, port: 80, user: proxy.displayName, owner: .of(proxy))]
        if answers.https {
            checks.append(portCheck(.port443, port: 443, user: proxy.displayName, owner: .of(proxy)))
        }
        if securesIcecast, files.contents(of: ServerPaths.icecastConfig) != nil {
            checks.append(portCheck(.icecastPortFree, port: answers.icecastPort, user: "Icecast", owner: .icecast))
        }
        return checks
    }

    /// `owner` is the server allowed to hold the port, known by its program and user: a
    /// process of a local user's merely named `icecast2` is not it.
    func portCheck(_ id: CheckID, port: Int, user: String, owner: ServerProcess) -> Check {
        let title = "Port \(port) is free, or already \(user)'s"
        let listeners = probes.listeners(port: port)
        if listeners.isEmpty {
            return Check(id, title, .hard, .passed(seen: "Nothing listens on port \(port) yet."))
        }
        let others = listeners.filter { !owner.runs($0) }
        if others.isEmpty {
            let holder = describe(listeners)
            return Check(id, title, .hard, .passed(seen: "Port \(port) is held by \(holder), which \(user) is: fine."))
        }
        return Check(id, title, .hard, .failed(
            seen: "Port \(port) is held by \(describe(others)).",
            fix: portFix(port: port, user: user, others: others)))
    }

    /// What to do. Only names lt-setup itself knows reach a suggested command: a process
    /// name is anyone's to choose, and is never pasted into one.
    private func portFix(port: Int, user: String, others: [Listener]) -> String {
        let find = "see which service it is with `sudo ss -ltnp 'sport = :\(port)'`"
        if others.allSatisfy(ServerProcess.nginx.runs), answers.proxy == .apache {
            return "Apache cannot listen there while nginx does. LibreTime's own site listens on 8080; nginx's default site holds port \(port): remove /etc/nginx/sites-enabled/default and reload nginx (sudo systemctl reload nginx), or choose proxy: nginx."
        }
        if others.allSatisfy(ServerProcess.apache.runs), answers.proxy == .nginx {
            return "nginx cannot listen there while Apache does: stop and disable it (sudo systemctl disable --now apache2), or choose proxy: apache."
        }
        if others.allSatisfy({ $0.command == nil }) {
            return "lt-setup could not tell which process holds it (run as root, or another namespace such as a container holds it): \(find), then stop it."
        }
        return "\(user) cannot listen there while another program does: \(find), then stop and disable that service (sudo systemctl disable --now SERVICE), or move it to another port."
    }

    private func describe(_ listeners: [Listener]) -> String {
        var seen: [String] = []
        for listener in listeners {
            var process = listener.shownCommand.map { name in listener.pid.map { "\(name) (pid \($0))" } ?? name }
                ?? "an unidentified process"
            if let executable = listener.executable {
                process += ", running \(TerminalText.safe(executable, keepingNewlines: false))"
                if let user = listener.user { process += " as \(TerminalText.safe(user, keepingNewlines: false))" }
            }
            let text = "\(process) on \(listener.address)"
            if !seen.contains(text) { seen.append(text) }
        }
        return listed(seen)
    }
}
