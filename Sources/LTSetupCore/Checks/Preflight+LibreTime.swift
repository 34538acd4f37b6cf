/// Preflight: LibreTime's configuration, its own nginx site, and its web server behind the
/// proxy.
extension PreflightContext {
    func libretimeConfigCheck() -> Check {
        let path = ServerPaths.libretimeConfig
        let title = "LibreTime's config.yml"
        if case .unreadable(let reason) = files.state(of: path) {
            return Check(.libretimeConfig, title, .soft, .warning(
                seen: "lt-setup cannot read \(path) (\(reason)).",
                fix: "Run lt-setup with sudo; if it runs as root already, look at the file's permissions and content."))
        }
        guard let text = files.contents(of: path) else {
            return Check(.libretimeConfig, title, .soft, .warning(
                seen: "\(path) is missing: LibreTime does not seem to be installed here.",
                fix: "Without it the LibreTime steps (its public URLs and its restart) are skipped. Install LibreTime first, or run lt-setup again once it is installed."))
        }
        if case .failure(let error) = LibreTimeConfigReader.read(text) {
            return Check(.libretimeConfig, title, .soft, .warning(
                seen: "\(path) is there, but lt-setup cannot read it: \(error.message).",
                fix: "Fix the file, or lt-setup apply will stop at the LibreTime step."))
        }
        return Check(.libretimeConfig, title, .soft, .passed(
            seen: "\(path) is there: its public_url and its Icecast outputs' public URLs will be set."))
    }

    func libretimeSiteCheck() -> Check {
        let path = ServerPaths.libretimeNginxSite
        let title = "LibreTime's own web server port"
        let backend = answers.backend
        guard let text = files.contents(of: path) else {
            return Check(.libretimeSite, title, .soft, .warning(
                seen: "LibreTime's nginx site \(path) is missing, so its port cannot be read.",
                fix: "The backend stays \(backend.answer) from the answers; if LibreTime listens elsewhere, \(options.source.set(.backend))."))
        }
        guard let port = LibreTimeSite.listenPort(in: text) else {
            return Check(.libretimeSite, title, .soft, .warning(
                seen: "\(path) has no listen port lt-setup can read (an unrendered @@LISTEN_PORT@@ template?).",
                fix: "Check the file's `listen` lines; the backend stays \(backend.answer) from the answers."))
        }
        if port == 80 || port == 443 {
            return Check(.libretimeSite, title, .soft, .warning(
                seen: "LibreTime's nginx site listens on port \(port) (\(path)), which the proxy needs.",
                fix: "Move LibreTime's site to another port (LibreTime's installer uses 8080: `listen 8080;`), then set backend: localhost:8080."))
        }
        if port != backend.port {
            return Check(.libretimeSite, title, .soft, .warning(
                seen: "LibreTime's nginx site listens on port \(port), but the backend is \(backend.answer).",
                fix: "\(options.source.set(.backend, to: "localhost:\(port)").capitalizedFirst), unless LibreTime is reached at \(backend.answer) another way."))
        }
        return Check(.libretimeSite, title, .soft, .passed(
            seen: "LibreTime's nginx site listens on port \(port) (`listen` in \(path)), as the backend \(backend.answer) says."))
    }

    /// LibreTime's own site answers on every interface (its installer's `listen 8080;`):
    /// http://DOMAIN:8080/ would serve LibreTime in plain http, past the https site. Nil
    /// when the site file cannot be read (the site check says so).
    func libretimePortCheck() -> Check? {
        let path = ServerPaths.libretimeNginxSite
        guard let text = files.contents(of: path), let port = LibreTimeSite.listenPort(in: text) else { return nil }
        let title = "LibreTime's own port \(port) is closed to the outside"
        let open = LibreTimeSite.openListens(in: text)
        if open.isEmpty {
            return Check(.libretimePort, title, .soft, .passed(
                seen: "LibreTime's nginx site listens on the loopback only: other machines reach it through the proxy alone."))
        }
        let listens = listed(open.map { "listen \($0);" })
        let firewall = Firewall.detect(probes.firewall)
        switch firewall {
        case .ufw(let allowed) where !allowed.contains(port):
            return Check(.libretimePort, title, .soft, .passed(
                seen: "LibreTime's nginx site has \(listens) (every interface), and the active ufw does not let port \(port) in."))
        case .nftables(let chain, let allowed) where !allowed.contains(port):
            return Check(.libretimePort, title, .soft, .passed(
                seen: "LibreTime's nginx site has \(listens) (every interface), and nftables' input chain \(chain) drops port \(port)."))
        default:
            break
        }
        let close: String
        switch firewall {
        case .ufw: close = "sudo ufw deny \(port)/tcp (ufw lets the loopback through, which the proxy uses)"
        case .nftables(let chain, _): close = "a rule that drops tcp dport \(port) in nftables' input chain \(chain), before the rule that accepts it"
        case .none: close = "your provider's firewall (a firewall enabled on this server must keep ssh open)"
        }
        return Check(.libretimePort, title, .soft, .warning(
            seen: "LibreTime's nginx site has \(listens) in \(path): every interface. http://\(answers.domain):\(port)/ will still serve LibreTime in plain http, past the https site.",
            fix: "lt-setup does not edit that file: LibreTime's installer owns it and writes it again at each upgrade, which would quietly open the port again. Close port \(port) to the outside instead: \(close)."))
    }

    func backendCheck() -> Check {
        let backend = answers.backend
        let severity: CheckSeverity = options.allowUnreachableBackend ? .soft : .hard
        let title = "LibreTime answers at \(backend.url)"
        let override = options.allowUnreachableBackend ? "" : " To go on anyway, \(options.source.goOnAnyway)."
        let address: IPAddress
        switch probes.connect(host: backend.host, port: backend.port) {
        case .failed(let reason):
            return Check(.backend, title, severity, .failed(
                seen: "Nothing accepts connections at \(backend.answer) (\(reason)).",
                fix: "Start LibreTime (sudo systemctl start libretime.target) and check where its web server listens (sudo ss -ltnp), or \(options.source.set(.backend)).\(override)"))
        case .connected(let connected):
            address = connected
        }
        let url = "\(backend.url)\(LibreTimeAPI.versionPath)"
        switch probes.httpGet(host: backend.host, port: backend.port, path: LibreTimeAPI.versionPath) {
        case .failed(let reason):
            return Check(.backend, title, severity, .failed(
                seen: "\(backend.answer) accepts connections (\(address)) but gives no HTTP answer to GET \(url) (\(reason)).",
                fix: "Check that \(backend.answer) is LibreTime's web server (nginx's libretime.conf), not another service.\(override)"))
        case .answered(let answer):
            return backendAnswerCheck(answer, url: url, severity: severity, override: override)
        }
    }

    private func backendAnswerCheck(_ answer: HTTPAnswer, url: String, severity: CheckSeverity, override: String) -> Check {
        let title = "LibreTime answers at \(answers.backend.url)"
        let status = "\(answer.status)\(answer.reason.isEmpty ? "" : " \(answer.reason)")"
        if answer.status == 200, let version = LibreTimeAPI.version(in: answer.body) {
            return Check(.backend, title, severity, .passed(seen: "GET \(url) answers 200: LibreTime's API version \(version)."))
        }
        if (502...504).contains(answer.status) {
            return Check(.backend, title, severity, .failed(
                seen: "GET \(url) answers \(status): LibreTime's web server runs, but its API does not.",
                fix: "Start the API (sudo systemctl restart libretime-api) and look at its log (journalctl -u libretime-api).\(override)"))
        }
        return Check(.backend, title, severity, .failed(
            seen: "GET \(url) answers \(status), not LibreTime's version (`{\"api_version\": …}`).",
            fix: "Check that \(answers.backend.answer) is LibreTime's web server (3.0 or later), or \(options.source.set(.backend)).\(override)"))
    }
}
