import Glibc

/// What `/proc` says about the processes of one process group.
///
/// `kill(-pgid, 0)` cannot answer "is anything left running?" while we hold the group
/// leader unreaped (a zombie still counts as a member), and holding it is what keeps the
/// group id from being reused; hence this scan. It only runs while a cancel is in progress.
enum ProcessGroup {
    /// The members of group `pgid` that are still alive, i.e. not zombies.
    static func liveMembers(_ pgid: pid_t) -> [pid_t] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var members: [pid_t] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), let status = stat(of: pid) else { continue }
            if status.group == pgid && status.state != "Z" && status.state != "X" {
                members.append(pid)
            }
        }
        return members
    }

    /// The state letter and process group of `pid`, from `/proc/<pid>/stat`.
    static func stat(of pid: pid_t) -> (state: Character, group: pid_t)? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        // "pid (comm) S ppid pgrp …": comm may hold spaces and parentheses, so parse from the
        // last ')'.
        guard let close = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
        guard fields.count >= 3, let state = fields[0].first,
              let group = pid_t(String(decoding: fields[2], as: UTF8.self))
        else { return nil }
        return (Character(UnicodeScalar(state)), group)
    }
}
