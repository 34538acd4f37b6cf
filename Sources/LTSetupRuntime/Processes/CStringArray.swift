import Glibc

/// Strings copied as C strings into a NULL-terminated array, the shape `exec` wants for argv
/// and the environment. Frees the copies when released.
final class CStringArray {
    /// The copies and a final nil. Pass it straight to a C function taking `char *const []`:
    /// Swift lends the array's storage for the duration of the call.
    let pointers: [UnsafeMutablePointer<CChar>?]

    /// Fails for a string holding a NUL byte: C would silently cut it there.
    init(_ strings: [String]) throws(SpawnError) {
        var pointers: [UnsafeMutablePointer<CChar>?] = []
        pointers.reserveCapacity(strings.count + 1)
        for string in strings {
            if string.utf8.contains(0) {
                pointers.forEach { free($0) }
                throw .invalidArgument(string)
            }
            guard let copy = strdup(string) else {
                pointers.forEach { free($0) }
                throw .system(operation: "copy the program's arguments", errno: ENOMEM)
            }
            pointers.append(copy)
        }
        pointers.append(nil)
        self.pointers = pointers
    }

    deinit {
        pointers.forEach { free($0) }
    }
}
