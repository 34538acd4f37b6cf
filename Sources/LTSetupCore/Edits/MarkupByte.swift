/// The bytes of XML markup and layout that the scanner looks for, named so comparisons read as intent.
enum MarkupByte {
    static let tab = UInt8(ascii: "\t")
    static let lineFeed = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let slash = UInt8(ascii: "/")
    static let lessThan = UInt8(ascii: "<")
    static let greaterThan = UInt8(ascii: ">")

    /// XML white space: space, tab, carriage return, line feed.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == carriageReturn || byte == lineFeed
    }

    /// Indentation inside one line: space or tab.
    static func isIndent(_ byte: UInt8) -> Bool {
        byte == space || byte == tab
    }

    /// Whether `byte` ends a tag name (white space, `/` or `>`).
    static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == slash || byte == greaterThan
    }
}
