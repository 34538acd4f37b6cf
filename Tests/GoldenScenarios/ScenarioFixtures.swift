import LTSetupCore
import LTSetupUI

/// The fake server the scenarios plan against: Debian with LibreTime, nginx (its default
/// site enabled), certbot without its nginx plugin, and Icecast 2.4. Written for lt-setup,
/// shaped like what LibreTime's installer leaves.
public enum ScenarioFixtures {
    /// The values the scenarios type and the fake program reports.
    public static let domain = "libretime.example.org"
    public static let email = "admin@example.org"
    public static let sessionID = "20261128-164100-4242"
    public static let locations = SessionLocations(
        logDirectory: "/var/log/lt-setup/\(sessionID)", backupDirectory: "/var/lib/lt-setup/backups/\(sessionID)")
    public static let streamMounts = ["main", "main-low"]

    /// dpkg's status: nginx, certbot (without its nginx plugin) and icecast2 installed.
    public static let dpkgStatus = """
        Package: nginx
        Status: install ok installed
        Version: 1.22.1-9

        Package: certbot
        Status: install ok installed
        Version: 2.1.0-4

        Package: icecast2
        Status: install ok installed
        Version: 2.4.4-4+b1

        """

    /// Debian's default nginx site, enabled.
    public static let nginxDefaultSite = """
        server {
        \tlisten 80 default_server;
        \tlisten [::]:80 default_server;
        \troot /var/www/html;
        \tindex index.html index.htm index.nginx-debian.html;
        \tserver_name _;
        \tlocation / {
        \t\ttry_files $uri $uri/ =404;
        \t}
        }

        """

    /// An icecast.xml with one plain listen socket, as LibreTime's installer leaves it.
    public static let icecastXML = """
        <icecast>
            <location>Earth</location>
            <admin>icemaster@localhost</admin>
            <hostname>localhost</hostname>

            <limits>
                <clients>100</clients>
                <sources>2</sources>
            </limits>

            <authentication>
                <source-password>hackme</source-password>
                <admin-user>admin</admin-user>
                <admin-password>hackme</admin-password>
            </authentication>

            <!-- You may have multiple <listen-socket> elements -->
            <listen-socket>
                <port>8000</port>
            </listen-socket>

            <paths>
                <basedir>/usr/share/icecast2</basedir>
                <logdir>/var/log/icecast2</logdir>
                <webroot>/usr/share/icecast2/web</webroot>
                <adminroot>/usr/share/icecast2/admin</adminroot>
                <alias source="/" destination="/status.xsl"/>
            </paths>

            <logging>
                <accesslog>access.log</accesslog>
                <errorlog>error.log</errorlog>
                <loglevel>3</loglevel>
            </logging>
        </icecast>

        """

    /// LibreTime's config.yml with two Icecast outputs, `main` and `main-low`.
    public static let libretimeConfig = """
        general:
          # The public url.
          # > this field is REQUIRED
          public_url: http://192.0.2.10:8080
          api_key: 3b1d0c1f6a2e4d5c
          secret_key: 9f8e7d6c5b4a3f2e
          timezone: Europe/Berlin

        stream:
          outputs:
            .default_icecast_output: &default_icecast_output
              host: localhost
              port: 8000
              source_password: hackme
            icecast:
              - <<: *default_icecast_output
                enabled: true
                public_url:
                mount: main
                audio:
                  format: ogg
                  bitrate: 256
              - <<: *default_icecast_output
                enabled: true
                public_url:
                mount: main-low
                audio:
                  format: mp3
                  bitrate: 128

        """

    /// The server's files, as the plan builder sees them.
    public static let server = InMemoryServerFiles([
        "/run/systemd/system": .directory,
        InstalledPackages.statusPath: .file(dpkgStatus),
        "/etc/nginx/sites-available/default": .file(nginxDefaultSite),
        "/etc/nginx/sites-enabled/default": .symlink(target: "/etc/nginx/sites-available/default"),
        ServerPaths.icecastConfig: .file(icecastXML),
        ServerPaths.libretimeConfig: .file(libretimeConfig),
    ])

    /// The answers the scenarios type: the guide's defaults with a domain and an email.
    public static let answers = Answers(domain: domain, email: email)

    /// What the program would report for `.buildPlan(answers)` on the fake server.
    public static func planReply(_ answers: Answers = ScenarioFixtures.answers) -> WizardAction {
        do {
            return .planReady(try PlanBuilder.build(answers, on: server))
        } catch {
            return .planFailed(error.message)
        }
    }

    /// The plan for the scenarios' answers, or nil if the fixtures were broken.
    public static var plan: Plan? {
        if case .planReady(let plan) = planReply() { return plan }
        return nil
    }

    /// The setup every scenario starts from, at a size and with glyphs.
    public static func setup(_ columns: Int, _ rows: Int, glyphs: Glyphs = .unicode,
                             resumable: ResumableSession? = nil, draft: ResumableDraft? = nil) -> WizardSetup {
        WizardSetup(size: Size(columns: columns, rows: rows), glyphs: glyphs, resumable: resumable, draft: draft,
                    suggestedBackend: "localhost:8080", locations: locations, streamMounts: streamMounts)
    }

    /// The scenarios' answers saved by a wizard that was cut off on the preview.
    public static var draft: ResumableDraft {
        ResumableDraft(answers: answers.raw, screen: .preview, savedAt: "2026-11-28 16:41 UTC")
    }

    /// What preflight reports on a ready server: every hard check passed, two warnings.
    public static let preflightOK: [Check] = [
        Check(.root, "Running as root", .hard, .passed(seen: "uid 0")),
        Check(.operatingSystem, "Debian or Ubuntu with apt-get", .hard, .passed(seen: "Debian GNU/Linux 12 (bookworm)")),
        Check(.libretimeConfig, "LibreTime's config.yml", .soft, .passed(seen: ServerPaths.libretimeConfig)),
        Check(.backend, "LibreTime answers at the backend", .hard, .passed(seen: "GET http://localhost:8080/api/v2/version: 200")),
        Check(.port80, "Port 80 free, or already nginx's", .hard, .passed(seen: "nginx (pid 812)")),
        Check(.port443, "Port 443 free, or already nginx's", .hard, .passed(seen: "free")),
        Check(.domain, "\(domain) points to this server", .hard, .passed(seen: "192.0.2.10, an address of this server")),
        Check(.ipv6, "IPv6", .soft, .warning(seen: "an AAAA record 2001:db8::10, but no global IPv6 address here",
                                              fix: "remove the AAAA record, or give this server that address")),
        Check(.packages, "nginx and certbot", .hard, .passed(seen: "nginx installed; certbot installed")),
        Check(.firewall, "Firewall", .soft, .warning(seen: "ufw is active and does not allow 8443/tcp",
                                                      fix: "sudo ufw allow 8443/tcp")),
    ]

    /// Preflight where the domain does not resolve yet: one hard failure blocks.
    public static let preflightBlocked: [Check] = preflightOK.map { check in
        guard check.id == .domain else { return check }
        return Check(.domain, check.title, .hard, .failed(
            seen: "\(domain) does not resolve (NXDOMAIN)",
            fix: "add an A record for \(domain) pointing to 192.0.2.10, wait for it to resolve, then check again"))
    }

    /// Verification after the run: the site and streams answer, one warning.
    public static let verified: [Check] = [
        Check(.httpRedirect, "http redirects to https", .hard, .passed(seen: "301 to https://\(domain)/")),
        Check(.https, "LibreTime over https", .hard, .passed(seen: "200 from https://\(domain)/")),
        Check(.certificate, "The certificate", .hard, .passed(seen: "Let's Encrypt, valid for 89 days")),
        Check(.icecastTLS, "Icecast over TLS", .hard, .passed(seen: "https://\(domain):8443/ answers")),
        Check(.icecastMounts, "The streams", .soft, .warning(seen: "main-low has no source yet",
                                                               fix: "start playout in LibreTime")),
        Check(.renewalHook, "Renewal hook", .hard, .passed(seen: "installed and executable")),
    ]
}
