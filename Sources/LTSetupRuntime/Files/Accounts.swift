import Glibc

/// User and group lookups in the system's account database (`/etc/passwd`, `/etc/group`,
/// or whatever NSS is configured to use), through the reentrant `_r` calls.
public enum Accounts {
    /// The uid of the user `name`.
    public static func uid(ofUser name: String) throws(FileOperationError) -> uid_t {
        let found = lookUp { entry, buffer, size, result in
            getpwnam_r(name, entry, buffer, size, &result)
        } extract: { $0.pw_uid }
        guard let uid = found else { throw .noSuchUser(name) }
        return uid
    }

    /// The gid of the group `name`.
    public static func gid(ofGroup name: String) throws(FileOperationError) -> gid_t {
        let found = lookUp { entry, buffer, size, result in
            getgrnam_r(name, entry, buffer, size, &result)
        } extract: { $0.gr_gid }
        guard let gid = found else { throw .noSuchGroup(name) }
        return gid
    }

    /// The name of the user with `uid`, or nil when no account has it.
    public static func userName(of uid: uid_t) -> String? {
        lookUp { entry, buffer, size, result in
            getpwuid_r(uid, entry, buffer, size, &result)
        } extract: { String(cString: $0.pw_name) }
    }

    /// The name of the group with `gid`, or nil when no group has it.
    public static func groupName(of gid: gid_t) -> String? {
        lookUp { entry, buffer, size, result in
            getgrgid_r(gid, entry, buffer, size, &result)
        } extract: { String(cString: $0.gr_name) }
    }

    /// Runs one `get*_r` call with a growing buffer. The entry's strings point into the
    /// buffer, so `extract` reads them while the buffer is still alive. Any failure other
    /// than a too-small buffer counts as "not found": the callers name the account in their
    /// error, which is what the operator needs.
    private static func lookUp<Entry, Value>(
        _ call: (UnsafeMutablePointer<Entry>, UnsafeMutablePointer<CChar>, Int,
                 inout UnsafeMutablePointer<Entry>?) -> Int32,
        extract: (Entry) -> Value
    ) -> Value? {
        var size = 1024
        while size <= 1 << 20 {
            var buffer = [CChar](repeating: 0, count: size)
            let outcome: Value?? = buffer.withUnsafeMutableBufferPointer { pointer in
                guard let base = pointer.baseAddress else { return .some(nil) }
                var result: UnsafeMutablePointer<Entry>?
                let entry = UnsafeMutablePointer<Entry>.allocate(capacity: 1)
                defer { entry.deallocate() }
                let code = call(entry, base, pointer.count, &result)
                if code == ERANGE { return .none }
                guard code == 0, let found = result else { return .some(nil) }
                return .some(extract(found.pointee))
            }
            if let value = outcome { return value }
            size *= 2
        }
        return nil
    }
}
