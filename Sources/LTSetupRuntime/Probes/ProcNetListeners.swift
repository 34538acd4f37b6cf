import Glibc
import LTSetupCore

/// Who listens on a TCP port, from `/proc`: the LISTEN sockets of `/proc/net/tcp` and
/// `tcp6`, their inodes, and the processes whose `/proc/PID/fd` links name those inodes
/// (`socket:[INODE]`). Seeing other users' descriptors needs root; without it the process
/// stays unknown.
struct ProcNetListeners {
    /// The folder that stands for `/proc` (tests use a copy).
    var proc = "/proc"

    func listeners(port: Int) -> [Listener] {
        var sockets: [(address: String, inode: String)] = []
        for table in ["tcp", "tcp6"] {
            guard let bytes = RawFile.read("\(proc)/net/\(table)") else { continue }
            sockets += Self.listening(in: String(decoding: bytes, as: UTF8.self), port: port)
        }
        guard !sockets.isEmpty else { return [] }
        let owners = owners(of: Set(sockets.map(\.inode)))
        return sockets.map { socket in
            let owner = owners[socket.inode]
            return Listener(address: socket.address, port: port, pid: owner?.pid, command: owner?.command,
                            executable: owner.flatMap { executable(of: $0.pid) }, user: owner.flatMap { user(of: $0.pid) })
        }
    }

    /// The LISTEN (state 0A) sockets on `port` in one `/proc/net/tcp*` table: their local
    /// address as text and their inode.
    static func listening(in table: String, port: Int) -> [(address: String, inode: String)] {
        var found: [(address: String, inode: String)] = []
        for line in table.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count >= 10, fields[3] == "0A" else { continue }
            let local = fields[1].split(separator: ":")
            guard local.count == 2, Int(local[1], radix: 16) == port,
                  let address = address(hex: local[0]) else { continue }
            found.append((address.description, String(fields[9])))
        }
        return found
    }

    /// The kernel prints each 32-bit word of the address as a number in host byte order.
    static func address(hex: Substring) -> IPAddress? {
        guard hex.count == 8 || hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 8)
            guard let word = UInt32(hex[index..<next], radix: 16) else { return nil }
            // The word as it sits in memory is the address's bytes in network order.
            bytes += withUnsafeBytes(of: word) { Array($0) }
            index = next
        }
        return bytes.count == 4 ? .v4(bytes) : .v6(bytes)
    }

    /// The first process (lowest pid) holding each socket inode, with its name.
    func owners(of inodes: Set<String>) -> [String: (pid: Int, command: String)] {
        var owners: [String: (pid: Int, command: String)] = [:]
        let pids = DirectoryListing.names(proc).compactMap { Int($0) }.sorted()
        for pid in pids where owners.count < inodes.count {
            for fd in DirectoryListing.names("\(proc)/\(pid)/fd") {
                guard let target = DirectoryListing.linkTarget("\(proc)/\(pid)/fd/\(fd)"),
                      target.hasPrefix("socket:["), target.hasSuffix("]") else { continue }
                let inode = String(target.dropFirst("socket:[".count).dropLast())
                guard inodes.contains(inode), owners[inode] == nil else { continue }
                owners[inode] = (pid, command(of: pid))
            }
        }
        return owners
    }

    /// The program a process runs, by the kernel's link (a program replaced since it
    /// started is still named, without " (deleted)").
    func executable(of pid: Int) -> String? {
        guard var target = DirectoryListing.linkTarget("\(proc)/\(pid)/exe") else { return nil }
        if target.hasSuffix(" (deleted)") { target = String(target.dropLast(" (deleted)".count)) }
        return target
    }

    /// The name of the user a process runs as (the owner of `/proc/PID`).
    func user(of pid: Int) -> String? {
        var info = stat()
        guard stat("\(proc)/\(pid)", &info) == 0 else { return nil }
        return Accounts.userName(of: info.st_uid) ?? String(info.st_uid)
    }

    func command(of pid: Int) -> String {
        let bytes = RawFile.read("\(proc)/\(pid)/comm") ?? []
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "pid \(pid)"
    }
}
