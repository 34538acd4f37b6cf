import Glibc
import LTSetupCore

/// One address of a resolved host, ready for `connect`.
struct SocketAddress {
    let address: IPAddress
    let storage: sockaddr_storage
    let length: socklen_t
    let family: Int32
}

/// Name resolution through the system's resolver, as every program on the server does it
/// (getaddrinfo: /etc/hosts, then DNS, per /etc/nsswitch.conf).
enum Resolver {
    /// The TCP addresses of `host` (a name, dotted IPv4, or IPv6 with or without brackets),
    /// each once, in the resolver's order; or the resolver's message.
    static func addresses(of host: String, port: Int) -> Result<[SocketAddress], ResolveError> {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(bare, String(port), &hints, &list)
        guard code == 0 else {
            return .failure(ResolveError(message: String(cString: gai_strerror(code))))
        }
        defer { freeaddrinfo(list) }
        var result: [SocketAddress] = []
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ai_next }
            guard let raw = entry.pointee.ai_addr, let address = IPAddress(raw) else { continue }
            guard !result.contains(where: { $0.address == address }) else { continue }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) { target in
                target.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: Int(entry.pointee.ai_addrlen)))
            }
            result.append(SocketAddress(address: address, storage: storage, length: entry.pointee.ai_addrlen,
                                        family: entry.pointee.ai_family))
        }
        return .success(result)
    }
}

struct ResolveError: Error {
    let message: String
}

extension IPAddress {
    /// The address of an `AF_INET` or `AF_INET6` socket address; nil for other families.
    init?(_ address: UnsafePointer<sockaddr>) {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
            }
            self = .v4(bytes)
        case AF_INET6:
            let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
            }
            self = .v6(bytes)
        default:
            return nil
        }
    }
}
