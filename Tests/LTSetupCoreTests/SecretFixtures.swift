@testable import LTSetupCore

/// Configuration files with passwords and keys, to prove that what `plan` prints hides them.
/// Each secret is a distinct word, so that a test can look for every one of them.
enum SecretFixtures {
    static let icecastSecrets = ["src-pw-1", "relay-pw-2", "admin-pw-3", "master-pw-4", "mount-pw-5"]
    static let libretimeSecrets = ["api-key-6", "secret-key-7", "db-pw-8", "mq-pw-9"]

    /// Debian's icecast.xml layout with its `<authentication>` block and a mount's password
    /// in a comment, as the package ships them.
    static let icecastXML = IcecastConfigFixture.debianStyle.replacing("""
            </limits>

        """, with: """
            </limits>

            <authentication>
                <!-- Sources log in with username 'source' -->
                <source-password>src-pw-1</source-password>
                <!-- Relays log in with username 'relay' -->
                <relay-password>relay-pw-2</relay-password>

                <!-- Admin logs in with the username given below -->
                <admin-user>admin</admin-user>
                <admin-password>admin-pw-3</admin-password>
            </authentication>
            <!--<master-password>master-pw-4</master-password>-->
            <!--
            <mount>
                <mount-name>/example-complex.ogg</mount-name>
                <password>mount-pw-5</password>
            </mount>
            -->

        """)

    /// LibreTime's config.yml as its installer writes it, cut down.
    static let libretimeConfig = """
        general:
          # The public url of the station, including scheme and port.
          public_url:
          api_key: api-key-6
          secret_key: secret-key-7
          timezone: UTC

        database:
          host: localhost
          user: libretime
          password: db-pw-8

        rabbitmq:
          host: localhost
          user: libretime
          password: "mq-pw-9"

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

        """

    /// A server with those two files, for plan tests.
    static func server() -> InMemoryServerFiles {
        var files = ServerFixtures.libretimeServer()
        files.files[ServerPaths.icecastConfig] = .file(icecastXML)
        files.files[ServerPaths.libretimeConfig] = .file(libretimeConfig)
        return files
    }
}
