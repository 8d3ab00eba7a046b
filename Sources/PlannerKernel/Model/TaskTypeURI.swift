/// Checks that a task type is an RFC 3986 `absolute-URI` (API.md §2): a scheme, no fragment,
/// only URI characters with well-formed `%` escapes, at most 2048 characters.
public enum TaskTypeURI {
    /// The longest accepted task type.
    public static let maximumLength = 2048

    /// The reason `text` is not an absolute URI, or `nil` when it is one.
    public static func problem(in text: String) -> FormatError? {
        guard !text.isEmpty else {
            return FormatError(message: "the task type is empty", hint: "give a URI such as uri://docker-container")
        }
        guard text.utf8.count <= maximumLength else {
            return FormatError(code: .tooLong, message: "the task type is \(text.utf8.count) characters long; the limit is \(maximumLength)")
        }
        let bytes = Array(text.utf8)
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0, isAlpha(bytes[0]),
            bytes[1..<colon].allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") })
        else {
            return FormatError(code: .invalidURI, message: "\"\(text.prefix(80))\" is not an absolute URI: it needs a scheme such as uri: or https:",
                hint: "write for example uri://docker-container")
        }
        var index = colon + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "#") {
                return FormatError(code: .invalidURI, message: "the task type \"\(text.prefix(80))\" has a fragment (#…), which an absolute URI may not have")
            }
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, isHex(bytes[index + 1]), isHex(bytes[index + 2]) else {
                    return FormatError(code: .invalidURI, message: "the task type \"\(text.prefix(80))\" has a '%' that is not followed by two hex digits")
                }
                index += 3
                continue
            }
            guard isURICharacter(byte) else {
                let shown = byte < 0x80 && byte >= 0x20 ? "'\(Character(Unicode.Scalar(byte)))'" : "a space, control or non-ASCII character"
                return FormatError(code: .invalidURI, message: "the task type \"\(text.prefix(80))\" contains \(shown), which a URI may not contain unescaped",
                    hint: "task types are compared exactly: remove spaces and stray characters")
            }
            index += 1
        }
        return nil
    }

    static func isAlpha(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    /// unreserved / sub-delims / ":" / "@" / "/" / "?" (RFC 3986 §2–§3).
    static func isURICharacter(_ byte: UInt8) -> Bool {
        if isAlpha(byte) || isDigit(byte) { return true }
        return "-._~!$&'()*+,;=:@/?".utf8.contains(byte)
    }
}
