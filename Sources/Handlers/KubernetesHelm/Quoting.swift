/// Renders a user's string for a message: in double quotes, cut to 80 characters.
func quoted(_ text: some StringProtocol) -> String {
    text.count > 80 ? "\"\(text.prefix(80))…\"" : "\"\(text)\""
}

/// ASCII byte classes shared by the scanners in this module.
enum ASCII {
    /// `0`–`9`.
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    /// `a`–`z`.
    static func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    /// `A`–`Z`.
    static func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    /// A letter or a digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLower(byte) || isUpper(byte) }
    /// A lower-case letter or a digit.
    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || isLower(byte) }
    /// Go's `\s`: space, tab, newline, form feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }
}
