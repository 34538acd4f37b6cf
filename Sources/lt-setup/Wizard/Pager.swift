import Glibc

/// The system's pager (`less`, else `more`) on a file, on the operator's terminal; returns
/// when they leave it.
enum Pager {
    static func show(_ path: String) {
        for argv in [["less", "-R", "+G", path], ["more", path]] {
            let arguments = argv.map { strdup($0) } + [nil]
            defer { arguments.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawnp(&pid, argv[0], nil, nil, arguments, environ) == 0 else { continue }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            return
        }
    }
}
