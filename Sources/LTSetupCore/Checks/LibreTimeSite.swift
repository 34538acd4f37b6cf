/// LibreTime's own nginx site (`/etc/nginx/sites-available/libretime.conf`), read for the
/// port LibreTime's web server listens on: the backend the proxy forwards to.
public enum LibreTimeSite {
    /// The port of the first `listen` directive that names one: `listen 8080;`,
    /// `listen [::]:8080;`, `listen 127.0.0.1:8080 default_server;`. Nil when no listen
    /// directive holds a port lt-setup can read, such as the installer's unrendered
    /// `@@LISTEN_PORT@@` template, or a unix socket.
    public static func listenPort(in text: String) -> Int? {
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.prefix { $0 != "#" }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })[...]
            while let index = words.firstIndex(of: "listen") {
                let after = words.index(after: index)
                guard after < words.endIndex else { break }
                if let port = port(of: words[after]) { return port }
                words = words[after...]
            }
        }
        return nil
    }

    /// The listen addresses that take connections from other machines: every one but the
    /// loopback ones (`127.0.0.1:8080`, `[::1]:8080`, `localhost:8080`) and unix sockets.
    /// LibreTime's installer writes `listen 8080;` and `listen [::]:8080;`: every interface.
    public static func openListens(in text: String) -> [String] {
        listenAddresses(in: text).filter { address in
            if address.hasPrefix("unix:") || address.contains("@@") { return false }
            let host: Substring
            if address.hasPrefix("[") {
                host = address.prefix { $0 != "]" }.dropFirst()
            } else if let colon = address.lastIndex(of: ":") {
                host = address[..<colon]
            } else {
                host = address.allSatisfy(\.isNumber) ? "" : Substring(address)
            }
            return !(host == "::1" || host == "localhost" || host.hasPrefix("127."))
        }.map(String.init)
    }

    /// The first word of every `listen` directive, comments left out.
    static func listenAddresses(in text: String) -> [Substring] {
        var addresses: [Substring] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.prefix { $0 != "#" }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ";" })
            for (index, word) in words.enumerated() where word == "listen" && index + 1 < words.count {
                addresses.append(words[index + 1])
            }
        }
        return addresses
    }

    /// The port of a listen address: `8080`, `*:8080`, `[::]:8080`, `0.0.0.0:8080`; a bare
    /// address without a port means 80, as in nginx.
    static func port(of address: Substring) -> Int? {
        if address.hasPrefix("unix:") { return nil }
        var portText = address
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { return nil }
            let rest = address[address.index(after: close)...]
            guard rest.hasPrefix(":") else { return rest.isEmpty ? 80 : nil }
            portText = rest.dropFirst()
        } else if let colon = address.lastIndex(of: ":") {
            portText = address[address.index(after: colon)...]
        } else if !address.allSatisfy(\.isNumber) {
            return IPv4.isAddress(String(address)) ? 80 : nil
        }
        guard case .success(let port) = Port.parse(String(portText)) else { return nil }
        return port
    }
}
