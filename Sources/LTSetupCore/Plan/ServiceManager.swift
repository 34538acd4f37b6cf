/// How services are restarted on this server: one protocol, two implementations.
public protocol ServiceManager: Sendable {
    /// The command that restarts `service` (a unit or init script name, e.g. `nginx`).
    func restartCommand(_ service: String) -> [String]
    /// Whether `service` can be restarted at all by this manager; `libretime.target`, for
    /// example, exists only under systemd.
    func canManage(_ service: String) -> Bool
    var name: String { get }
}

/// systemd: `systemctl restart NAME`.
public struct SystemdServices: ServiceManager {
    public init() {}
    public var name: String { "systemd" }
    public func restartCommand(_ service: String) -> [String] { ["systemctl", "restart", service] }
    public func canManage(_ service: String) -> Bool { true }
}

/// Init scripts through `service NAME restart`, where systemd is not running (containers, and
/// `systemctl` then fails with "System has not been booted with systemd").
public struct InitScriptServices: ServiceManager {
    public init() {}
    public var name: String { "init scripts" }
    public func restartCommand(_ service: String) -> [String] { ["service", service, "restart"] }
    /// systemd targets have no init script.
    public func canManage(_ service: String) -> Bool { !service.hasSuffix(".target") }
}

public enum ServiceManagers {
    /// systemd is running when `/run/systemd/system` exists (what `sd_booted()` checks).
    public static func detect(_ files: ServerFiles) -> ServiceManager {
        files.state(of: "/run/systemd/system") == .directory ? SystemdServices() : InitScriptServices()
    }
}
