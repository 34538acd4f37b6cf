import Glibc
import LTSetupCore

/// The addresses of this host's network interfaces (getifaddrs), loopback included.
enum LocalAddresses {
    static func all() -> [IPAddress] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0 else { return [] }
        defer { freeifaddrs(list) }
        var addresses: [IPAddress] = []
        var cursor = list
        while let entry = cursor {
            defer { cursor = entry.pointee.ifa_next }
            guard let raw = entry.pointee.ifa_addr, let address = IPAddress(UnsafePointer(raw)),
                  !addresses.contains(address) else { continue }
            addresses.append(address)
        }
        return addresses
    }
}
