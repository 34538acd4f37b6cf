/// icecast.xml samples written for these tests, shaped like the two real variants
/// (the real files live outside the repository, in ../shared/fixtures).
enum IcecastConfigFixture {
    /// Debian's icecast2 2.4.4 layout, cut down: trailing spaces, the commented 8080 and 8443
    /// sockets, the commented example certificate, `destination="/status.xsl"/>`.
    static let debianStyle = """
        <icecast>
            <!-- location and admin are two arbitrary strings -->
            <location>Earth</location>

            <limits>
                <clients>100</clients>
                <!-- If enabled, this will provide a burst of data when a client\u{20}
                     first connects -->
                <burst-on-connect>1</burst-on-connect>
            </limits>

            <!-- You may have multiple <listen-socket> elements -->
            <listen-socket>
                <port>8000</port>
                <!-- <bind-address>127.0.0.1</bind-address> -->
                <!-- <shoutcast-mount>/stream</shoutcast-mount> -->
            </listen-socket>
            <!--
            <listen-socket>
                <port>8080</port>
            </listen-socket>
            -->
            <!--
            <listen-socket>
                <port>8443</port>
                <ssl>1</ssl>
            </listen-socket>
            -->


            <!-- Global header settings\u{20}
            -->
            <http-headers>
                <header name="Access-Control-Allow-Origin" value="*" />
            </http-headers>

            <!--<master-server>127.0.0.1</master-server>-->

            <paths>
                <!-- basedir is only used if chroot is enabled -->
                <basedir>/usr/share/icecast2</basedir>
                <!--
                <alias source="/foo" destination="/bar"/>
                -->
                <alias source="/" destination="/status.xsl"/>
                <!-- The certificate file needs to contain both public and private part.
                     Both should be PEM encoded.
                <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>
                -->
            </paths>

            <logging>
                <loglevel>3</loglevel> <!-- 4 Debug, 3 Info, 2 Warn, 1 Error -->
            </logging>
        </icecast>

        """

    /// What the guide's diff makes of `debianStyle`.
    static let debianStyleEnabled = """
        <icecast>
            <!-- location and admin are two arbitrary strings -->
            <location>Earth</location>

            <limits>
                <clients>100</clients>
                <!-- If enabled, this will provide a burst of data when a client\u{20}
                     first connects -->
                <burst-on-connect>1</burst-on-connect>
            </limits>

            <!-- You may have multiple <listen-socket> elements -->
            <listen-socket>
                <port>8000</port>
                <!-- <bind-address>127.0.0.1</bind-address> -->
                <!-- <shoutcast-mount>/stream</shoutcast-mount> -->
            </listen-socket>
            <!--
            <listen-socket>
                <port>8080</port>
            </listen-socket>
            -->
            <listen-socket>
                <port>8443</port>
                <ssl>1</ssl>
            </listen-socket>


            <!-- Global header settings\u{20}
            -->
            <http-headers>
                <header name="Access-Control-Allow-Origin" value="*" />
            </http-headers>

            <!--<master-server>127.0.0.1</master-server>-->

            <paths>
                <!-- basedir is only used if chroot is enabled -->
                <basedir>/usr/share/icecast2</basedir>
                <!--
                <alias source="/foo" destination="/bar"/>
                -->
                <alias source="/" destination="/status.xsl"/>
                <!-- The certificate file needs to contain both public and private part.
                     Both should be PEM encoded.
                <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>
                -->
                <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>
            </paths>

            <logging>
                <loglevel>3</loglevel> <!-- 4 Debug, 3 Info, 2 Warn, 1 Error -->
            </logging>
        </icecast>

        """

    /// LibreTime installer's layout, cut down: `destination="/status.xsl" />` with a space, an
    /// active `<mount type="default">`, a commented one before it, no trailing spaces.
    static let installerStyle = """
        <icecast>
            <hostname>localhost</hostname>

            <!-- You may have multiple <listen-socket> elements -->
            <listen-socket>
                <port>8000</port>
            </listen-socket>
            <!--
            <listen-socket>
                <port>8443</port>
                <ssl>1</ssl>
            </listen-socket>
            -->

            <!--
            <mount type="default">
                <public>0</public>
            </mount>
            -->
            <mount type="default">
                <charset>UTF-8</charset>
            </mount>

            <paths>
                <logdir>/var/log/icecast2</logdir>
                <alias source="/" destination="/status.xsl" />
                <!-- The certificate file needs to contain both public and private part.
                <ssl-certificate>/usr/share/icecast2/icecast.pem</ssl-certificate>
                -->
            </paths>
        </icecast>

        """

    /// A minimal active configuration with `socket` and `paths` spliced in.
    static func config(socket: String = "", paths: String = "") -> String {
        """
        <icecast>
            <listen-socket>
                <port>8000</port>
            </listen-socket>
        \(socket)    <paths>
                <logdir>/var/log/icecast2</logdir>
        \(paths)    </paths>
        </icecast>

        """
    }

    /// `text` with every LF turned into CRLF, built from scalars because Swift treats CRLF as
    /// one Character and would not split or replace it the way a byte editor does.
    static func crlf(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" { result.append("\r") }
            result.append(scalar)
        }
        return String(result)
    }
}
