/// What puts the server's services back after `undo` restored its files: the proxy's
/// configuration test, then the restarts the restored files call for. Made from the same
/// commands as the plan's steps (`Proxy.configTest`, `Command.restart`), so that undo tests
/// and restarts exactly as a run does.
public struct UndoPlan: Sendable, Equatable {
    /// Run first: nothing is restarted when the restored configuration does not pass it.
    public let configTest: Command
    /// The proxy always; Icecast when a file of `/etc/icecast2` was restored; LibreTime when
    /// its `config.yml` was and the service manager can restart it.
    public let restarts: [Command]
    /// What the operator must do by hand.
    public let notes: [String]

    public static func build(proxy: Proxy, restoredPaths: [String], services: ServiceManager) -> UndoPlan {
        var restarts = [Command.restart(proxy.package, using: services)]
        var notes: [String] = []
        if restoredPaths.contains(where: { $0.hasPrefix("/etc/icecast2/") }) {
            restarts.append(.restart("icecast2", using: services))
        }
        if restoredPaths.contains(ServerPaths.libretimeConfig) {
            if services.canManage(LibreTimeService.target) {
                restarts.append(.restart(LibreTimeService.target, using: services))
            } else {
                notes.append("Restart LibreTime yourself so that it reads its restored config.yml.")
            }
        }
        return UndoPlan(configTest: proxy.configTest, restarts: restarts, notes: notes)
    }
}

extension Proxy {
    /// The server's own test of its configuration, run before any restart.
    public var configTest: Command {
        switch self {
        case .nginx: Command(["nginx", "-t"], timeoutSeconds: 60)
        case .apache: Command(["apache2ctl", "configtest"], timeoutSeconds: 60)
        }
    }
}

extension Command {
    /// The restart of `service` by this server's service manager. A restart starts a server
    /// that keeps the output it inherits: see `outputInLog`.
    public static func restart(_ service: String, using services: ServiceManager) -> Command {
        Command(services.restartCommand(service), timeoutSeconds: 120, outputInLog: true)
    }
}

/// LibreTime's services, as systemd knows them.
public enum LibreTimeService {
    public static let target = "libretime.target"
}
