import Glibc

/// An open file descriptor with the loops and checks that whole-file I/O needs (short
/// reads and writes, `EINTR`), reporting failures as `FileOperationError`s that name `path`.
struct FileDescriptor {
    let raw: Int32

    init(_ raw: Int32) {
        self.raw = raw
    }

    /// Everything from the current offset to the end of the file.
    func readAll(_ path: String) throws(FileOperationError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(raw, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno("read", path)
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// Writes all of `bytes`, continuing after short writes.
    func writeAll(_ bytes: [UInt8], _ path: String) throws(FileOperationError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(raw, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno("write", path)
            }
            offset += count
        }
    }

    /// Flushes the file's data and metadata to the disk.
    func sync(_ path: String) throws(FileOperationError) {
        guard fsync(raw) == 0 else { throw .fromErrno("flush to disk", path) }
    }

    /// Makes a directory entry change (rename, unlink, new link) durable: without this a
    /// crash right after the rename may bring back the old name or no name at all.
    static func syncDirectory(_ directory: String) throws(FileOperationError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .fromErrno("open the folder", directory) }
        defer { close(fd) }
        try FileDescriptor(fd).sync(directory)
    }
}
