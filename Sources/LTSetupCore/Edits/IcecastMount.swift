/// The mount point of a LibreTime Icecast output, as it goes into that output's public URL.
enum IcecastMount {
    /// The mount without its leading `/`, checked to hold only characters that are safe both
    /// in a URL path and as a plain YAML scalar, since it is written back into config.yml.
    /// `position` is the output's 1-based position, for the message.
    static func validated(_ raw: String, position: Int) throws(EditError) -> String {
        let mount = raw.hasPrefix("/") ? String(raw.dropFirst()) : raw
        let parts = mount.split(separator: "/", omittingEmptySubsequences: false)
        let isSafe = !mount.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && part.utf8.allSatisfy(isAllowed)
        }
        guard isSafe else {
            throw EditError("Icecast output \(position) in stream.outputs.icecast has mount `\(raw)`; a mount may hold only letters A-Z and a-z, digits, `.`, `_`, `~` and `-`, with `/` only between parts, because it is written into that output's public_url in config.yml. Rename the mount (in config.yml and Icecast) and run lt-setup again")
        }
        return mount
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
