/// Turns a program's raw output bytes into clean display lines.
///
/// - `\n` and `\r\n` end a line; a final line without one is given by `finish`.
/// - A lone `\r` (progress bars) moves back to the start of the line: the text written after
///   the last `\r` replaces the line, as on a terminal. A `\r` followed by nothing keeps it.
/// - Escape sequences (`ESC [ … final`, `ESC ] … BEL`, `ESC` + one character) and the other
///   C0 controls except tab are dropped: the log pane and the log file want plain text.
/// - Invalid UTF-8 becomes U+FFFD instead of failing.
/// - A line is cut every `maxLineBytes` (on a character boundary), so one huge line costs
///   bounded memory and is split, not lost.
///
/// It holds at most one partial line; everything else is handed out as soon as it is read.
struct LineSplitter {
    /// The longest line handed out in one piece.
    static let maxLineBytes = 64 * 1024

    private enum EscapeState { case ground, escape, intermediate, controlSequence, osc, oscEscape }

    private var line: [UInt8] = []
    private var state = EscapeState.ground
    /// A lone `\r` was seen: the next printable byte starts the line over.
    private var carriageReturn = false
    private let maxLineBytes: Int

    init(maxLineBytes: Int = LineSplitter.maxLineBytes) {
        self.maxLineBytes = max(maxLineBytes, 4)
        line.reserveCapacity(256)
    }

    /// Splits `bytes` and calls `emit` with each line completed by them.
    mutating func feed(_ bytes: UnsafeRawBufferPointer, _ emit: (String) -> Void) {
        var index = 0
        let count = bytes.count
        while index < count {
            if state == .ground {
                // Fast path: append a whole run of printable bytes at once.
                var end = index
                while end < count && Self.isPrintable(bytes[end]) { end += 1 }
                if end > index {
                    appendText(UnsafeRawBufferPointer(rebasing: bytes[index..<end]), emit)
                    index = end
                    continue
                }
            }
            handle(bytes[index], emit)
            index += 1
        }
    }

    /// Hands out the last, unterminated line, if there is one, and starts afresh.
    mutating func finish(_ emit: (String) -> Void) {
        if !line.isEmpty { emitLine(emit) }
        state = .ground
        carriageReturn = false
    }

    /// Text bytes: tab, and everything from space up except DEL. Bytes ≥ 0x80 are UTF-8.
    @inline(__always)
    private static func isPrintable(_ byte: UInt8) -> Bool {
        byte >= 0x20 ? byte != 0x7f : byte == 0x09
    }

    private mutating func handle(_ byte: UInt8, _ emit: (String) -> Void) {
        switch state {
        case .ground:
            if Self.isPrintable(byte) {
                withUnsafeBytes(of: byte) { appendText($0, emit) }
            } else {
                handleControl(byte, emit)
            }
        case .escape: afterEscape(byte, emit)
        case .intermediate:
            if (0x20...0x2f).contains(byte) { return }
            endSequence(reprocessing: (0x30...0x7e).contains(byte) ? nil : byte, emit)
        case .controlSequence:
            if (0x20...0x3f).contains(byte) { return }
            endSequence(reprocessing: (0x40...0x7e).contains(byte) ? nil : byte, emit)
        case .osc:
            switch byte {
            case 0x07: state = .ground
            case 0x1b: state = .oscEscape
            // A newline inside a string sequence means it was broken; keep the line.
            case 0x0a, 0x0d: endSequence(reprocessing: byte, emit)
            default: return
            }
        case .oscEscape:
            if byte == UInt8(ascii: "\\") { state = .ground } else { state = .escape; handle(byte, emit) }
        }
    }

    /// A non-printable byte outside any escape sequence.
    private mutating func handleControl(_ byte: UInt8, _ emit: (String) -> Void) {
        switch byte {
        case 0x0a: emitLine(emit)
        case 0x0d: carriageReturn = true
        case 0x1b: state = .escape
        default: break  // other C0 controls and DEL: bell, backspace… mean nothing in a log
        }
    }

    private mutating func afterEscape(_ byte: UInt8, _ emit: (String) -> Void) {
        switch byte {
        case UInt8(ascii: "["): state = .controlSequence
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"): state = .osc
        case 0x20...0x2f: state = .intermediate
        case 0x30...0x7e: state = .ground
        default: endSequence(reprocessing: byte, emit)
        }
    }

    /// Back to text; a byte that cannot belong to the sequence is treated as text again.
    private mutating func endSequence(reprocessing byte: UInt8?, _ emit: (String) -> Void) {
        state = .ground
        if let byte { handle(byte, emit) }
    }

    private mutating func appendText(_ text: UnsafeRawBufferPointer, _ emit: (String) -> Void) {
        if carriageReturn {
            carriageReturn = false
            line.removeAll(keepingCapacity: true)
        }
        var rest = text
        while !rest.isEmpty {
            let room = maxLineBytes - line.count
            let taken = min(room, rest.count)
            line.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest[..<taken]))
            rest = UnsafeRawBufferPointer(rebasing: rest[taken...])
            if line.count >= maxLineBytes { emitFullLine(emit) }
        }
    }

    /// The C1 controls (U+0080 to U+009F) dropped: in UTF-8 they pass the byte filter, and
    /// some terminals obey U+009B as CSI.
    static func withoutC1(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80..<0xA0).contains($0.value) }) else { return text }
        var out = ""
        out.unicodeScalars.append(contentsOf: text.unicodeScalars.filter { !(0x80..<0xA0).contains($0.value) })
        return out
    }

    private mutating func emitLine(_ emit: (String) -> Void) {
        emit(Self.withoutC1(String(decoding: line, as: UTF8.self)))
        line.removeAll(keepingCapacity: true)
        carriageReturn = false
    }

    /// Cuts a line that reached the limit, keeping an incomplete last character for the next
    /// piece so that splitting does not itself produce U+FFFD.
    private mutating func emitFullLine(_ emit: (String) -> Void) {
        let cut = Self.characterBoundary(in: line)
        emit(Self.withoutC1(String(decoding: line[..<cut], as: UTF8.self)))
        line.removeSubrange(..<cut)
    }

    /// The end of the last complete UTF-8 character (or of the bytes, if they are not UTF-8).
    static func characterBoundary(in bytes: [UInt8]) -> Int {
        let end = bytes.count
        var start = end - 1
        // Find the lead byte of the last character: at most 3 continuation bytes back.
        while start > 0 && start > end - 4 && bytes[start] & 0xc0 == 0x80 { start -= 1 }
        let lead = bytes[start]
        let length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
        let complete = end - start >= length
        return complete || start == 0 ? end : start
    }
}
