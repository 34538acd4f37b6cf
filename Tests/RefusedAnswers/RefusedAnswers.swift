import LTSetupCore

/// Every value the answers' validator must refuse, per answer: the one list that the
/// validator's tests (answers files) and the wizard's typing tests (the Details fields) both
/// go through, so that a value refused in a file is also refused when typed.
public enum RefusedAnswers {
    /// Values an attacker or a slip of the keyboard could produce: each must be refused in
    /// every text answer, with an error naming it (an empty backend means the default).
    public static let hostile = [
        ";", "{", "}", "a;b.example.org", "example.org;", "libretime.example.org}", "{libretime.example.org",
        "libretime.example.org\nserver_name evil.org", "\"libretime.example.org\"", "'x'.example.org",
        "$(reboot).example.org", "`id`.example.org", "-libretime.example.org", "--server=x",
        "libretime example.org", " ", "", String(repeating: "a", count: 300), "a\u{0}.example.org",
        "a\r.example.org", "a\t.example.org", "a/b.example.org", "a\\b.example.org", "a$b.example.org",
        "a#b.example.org", "a%20b.example.org", "a:80.example.org",
    ]

    /// Domain names that are not a public DNS name this server could get a certificate for.
    public static let domains = hostile + [
        "a@b.example.org", "http://libretime.example.org",
        "localhost", "*.example.org", "192.168.1.10", "[::1]", "::1", "example.org.",
        "rädio.example", String(repeating: "a", count: 64) + ".org", "a..b", ".a.b", "-a.b", "a-.b",
        "a_b.example", "example.123", String(repeating: "abcdefghi.", count: 26) + "org",
    ]

    /// Backends that are not plain http with a port (the empty one is the default, not refused).
    public static let backends = hostile.filter { !$0.isEmpty } + [
        "localhost", "localhost:", ":8080", "localhost:0", "https://localhost:8080",
        "http://localhost:8080/path", "::1:8080", "[::1]8080", "[fe80::1%eth0]:8080",
        "localhost:8080;", "localhost:8080 ", "ftp://localhost:8080",
    ]

    /// Email addresses certbot must never be given (with https, where one is required).
    public static let emails = hostile + [
        "admin", "admin@", "@example.org", "admin@localhost", "a b@example.org",
        "admin@example.org;", "\"admin\"@example.org", "admin@@example.org",
        "-m@example.org", ".a@example.org", "a..b@example.org", "admin@exa mple.org",
        "admin@example.org\n", "$(id)@example.org",
    ]

    /// ACME directories that are not a plain https URL (in a file; the wizard's custom URL
    /// field takes the same values).
    public static let acmeServers = [
        "http://acme.example.org/dir", "https://", "https://acme.example.org/dir?x=1",
        "https://acme.example.org/d'ir", "https://a b.org/", "https://acme.example.org:0/",
        "https://acme.example.org/$(id)", "https://acme.example.org/\ndir", "letsencrypt2", ";",
    ]

    /// Icecast's TLS port: out of range, not a plain number, or the web proxy's own.
    public static let icecastPorts = [
        "0", "65536", "-1", "8443a", "+8443", " 8443", "99999999999999999999", "80", "443", "٨٠٠٠",
    ]
}
