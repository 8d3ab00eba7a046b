/// Byte classes for the hand-written scanners of this module (ASCII only, no locale).
enum ASCII {
    static let slash = UInt8(ascii: "/")
    static let colon = UInt8(ascii: ":")
    static let at = UInt8(ascii: "@")
    static let dot = UInt8(ascii: ".")
    static let underscore = UInt8(ascii: "_")
    static let hyphen = UInt8(ascii: "-")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let percent = UInt8(ascii: "%")
    static let plus = UInt8(ascii: "+")

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
    static func isLower(_ byte: UInt8) -> Bool { byte &- 0x61 < 26 }
    static func isUpper(_ byte: UInt8) -> Bool { byte &- 0x41 < 26 }
    static func isLowerOrDigit(_ byte: UInt8) -> Bool { isLower(byte) || isDigit(byte) }
    static func isLetterOrDigit(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) || isDigit(byte) }
    /// `\w` in the reference grammar: `[A-Za-z0-9_]`.
    static func isWord(_ byte: UInt8) -> Bool { isLetterOrDigit(byte) || byte == underscore }
    static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }
    static func isLowerHex(_ byte: UInt8) -> Bool { isDigit(byte) || byte &- 0x61 < 6 }
    /// A printable ASCII character other than space.
    static func isVisible(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    static func lowered(_ byte: UInt8) -> UInt8 { isUpper(byte) ? byte | 0x20 : byte }

    static func string(_ bytes: some Sequence<UInt8>) -> String { String(decoding: Array(bytes), as: UTF8.self) }

    static func lowercased(_ bytes: some Sequence<UInt8>) -> String { string(bytes.map(lowered)) }

    /// `'x'` for a visible character, a description otherwise.
    static func quoted(_ byte: UInt8) -> String {
        isVisible(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "the byte 0x\(String(byte, radix: 16))"
    }

    /// `text` shortened for a message (at most `limit` characters, then `…`).
    static func shown(_ text: some StringProtocol, limit: Int = 80) -> String {
        text.count <= limit ? String(text) : String(text.prefix(limit)) + "…"
    }
}
