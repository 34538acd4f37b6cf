import Foundation
import Glibc
import Synchronization

/// A fresh folder under /tmp for one test (`/tmp/lt-setup-test-<uuid>`); `remove()` deletes it.
struct Scratch {
    let root: String

    init() throws {
        root = "/tmp/lt-setup-test-\(UUID().uuidString.lowercased())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func path(_ name: String) -> String { root + "/" + name }

    /// Sets up a file the way a server might have it, without going through AtomicFile.
    @discardableResult
    func make(_ name: String, _ content: String, mode: mode_t = 0o644, uid: uid_t = 0, gid: gid_t = 0) -> String {
        let location = path(name)
        _ = FileManager.default.createFile(atPath: location, contents: Data(content.utf8))
        chown(location, uid, gid)
        chmod(location, mode)
        return location
    }

    /// The names in `folder` (the scratch root by default), sorted.
    func names(in folder: String? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder ?? root)) ?? []).sorted()
    }

    /// Names in `folder` that are lt-setup temporaries.
    func temporaries(in folder: String? = nil) -> [String] {
        names(in: folder).filter { $0.contains(".lt-setup-") }
    }
}

/// `lstat` of a path, or nil when it is missing.
func status(_ path: String) -> stat? {
    var info = stat()
    return lstat(path, &info) == 0 ? info : nil
}

func permissionBits(_ path: String) -> mode_t? {
    status(path).map { $0.st_mode & 0o7777 }
}

func text(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}

func linkTarget(_ path: String) -> String? {
    try? FileManager.default.destinationOfSymbolicLink(atPath: path)
}

/// A second OS thread that runs `check` in a tight loop until `stop()`, collecting what it
/// reports. A real thread, not a task, so it runs alongside the test even on a busy pool.
final class Watcher: Sendable {
    private let stopped = Atomic<Bool>(false)
    private let done = Atomic<Bool>(false)
    private let problems = Mutex<[String]>([])
    private let roundCount = Atomic<Int>(0)

    init(_ check: @escaping @Sendable () -> String?) {
        let thread = Thread { [self] in
            while !stopped.load(ordering: .acquiring) {
                if let problem = check() {
                    problems.withLock { if $0.count < 10 { $0.append(problem) } }
                }
                roundCount.add(1, ordering: .relaxed)
            }
            done.store(true, ordering: .releasing)
        }
        thread.start()
        // Make sure it is running before the test starts changing files.
        while roundCount.load(ordering: .relaxed) == 0 { usleep(100) }
    }

    /// Stops the thread and returns the rounds it ran and the first problems it saw.
    func stop() -> (rounds: Int, problems: [String]) {
        stopped.store(true, ordering: .releasing)
        while !done.load(ordering: .acquiring) { usleep(100) }
        return (roundCount.load(ordering: .relaxed), problems.withLock { $0 })
    }
}
