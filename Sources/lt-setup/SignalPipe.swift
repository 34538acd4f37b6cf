import CNcursesw
import Glibc

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT turned into bytes on a pipe, so that one `poll()`
/// sees them beside the step's output.
struct SignalPipe {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    let fileDescriptor: Int32

    /// Installs the handlers (and unblocks the signals, which a parent may have blocked).
    /// SIGPIPE is ignored: after an ssh drop, writing to the terminal must fail, not kill us.
    static func install(_ signals: [Int32] = handled) -> SignalPipe? {
        signal(SIGPIPE, SIG_IGN)
        let fd = signals.withUnsafeBufferPointer { cn_signal_pipe_install($0.baseAddress, Int32($0.count)) }
        return fd >= 0 ? SignalPipe(fileDescriptor: fd) : nil
    }

    /// The signals received since the last call.
    func drain() -> [Int32] {
        var bytes = [UInt8](repeating: 0, count: 64)
        var signals: [Int32] = []
        while true {
            let count = read(fileDescriptor, &bytes, bytes.count)
            if count <= 0 { return signals }
            signals += bytes[0..<count].map { Int32($0) }
        }
    }
}
