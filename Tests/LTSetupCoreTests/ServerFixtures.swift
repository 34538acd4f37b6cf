@testable import LTSetupCore

/// Small server trees for plan tests, written here rather than copied from elsewhere.
enum ServerFixtures {
    static let dpkgStatus = """
        Package: nginx
        Status: install ok installed
        Version: 1.22.1-9

        Package: apache2
        Status: deinstall ok config-files
        Version: 2.4.62-1

        Package: certbot
        Status: install ok installed
        Version: 2.1.0-4

        Package: icecast2
        Status: install ok installed
        Version: 2.4.4-4+b1

        """

    /// The LibreTime installer's icecast.xml layout, shared with the edit's own tests.
    static let icecastXML = IcecastConfigFixture.installerStyle

    static let libretimeConfig = """
        general:
          # The public url.
          public_url: http://192.0.2.10:8080
          api_key: secret
        stream:
          outputs:
            .default_icecast_output: &default_icecast_output
              host: localhost
              port: 8000
            icecast:
              - <<: *default_icecast_output
                enabled: true
                public_url:
                mount: main
              - <<: *default_icecast_output
                enabled: false
                mount: main-low

        """

    /// A Debian server with LibreTime, nginx (default site enabled), certbot and Icecast.
    static func libretimeServer(systemd: Bool = true) -> InMemoryServerFiles {
        var files: [String: FileState] = [
            InstalledPackages.statusPath: .file(dpkgStatus),
            "/etc/nginx/sites-enabled/default": .symlink(target: "/etc/nginx/sites-available/default"),
            "/etc/nginx/sites-available/default": .file("server { listen 80 default_server; }\n"),
            "/etc/apache2/sites-enabled/000-default.conf": .symlink(target: "../sites-available/000-default.conf"),
            ServerPaths.icecastConfig: .file(icecastXML),
            ServerPaths.libretimeConfig: .file(libretimeConfig),
        ]
        if systemd { files["/run/systemd/system"] = .directory }
        return InMemoryServerFiles(files)
    }

    static let answers = Answers(domain: "libretime.example.org", email: "admin@example.org")
}
