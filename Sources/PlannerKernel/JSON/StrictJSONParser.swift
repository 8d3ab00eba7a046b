/// Parses RFC 8259 JSON strictly: valid UTF-8 only, no byte-order mark, no duplicate keys,
/// bounded nesting, integers within `Int64` and reals within `Double`.
///
/// Syntax errors stop the parse; duplicate keys and out-of-range numbers are collected so that
/// every one of them is reported at once. Nesting is checked before descending, so hostile input
/// (`[[[[…` ten thousand deep) cannot exhaust the stack.
public struct StrictJSONParser: Sendable {
    /// The deepest nesting accepted (API.md §2: 64).
    public var maximumDepth: Int

    /// A parser with the given nesting limit.
    public init(maximumDepth: Int = 64) {
        self.maximumDepth = maximumDepth
    }

    /// Parses a complete document.
    /// - Throws: ``JSONParseError`` listing every problem found.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        var cursor = Cursor(bytes: Array(bytes), maximumDepth: maximumDepth)
        return try cursor.parseDocument()
    }

    /// Parses a complete document held in a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// Why a body could not be read as JSON; `problems` holds every problem found.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// The problems, in document order.
    public var problems: [Problem]

    /// An error listing `problems`.
    public init(problems: [Problem]) { self.problems = problems }

    /// A one-line summary.
    public var description: String { problems.map(\.message).joined(separator: "; ") }
}

private struct Cursor {
    let bytes: [UInt8]
    let maximumDepth: Int
    var index = 0
    var recoverable: [Problem] = []

    init(bytes: [UInt8], maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw fatal(.invalidJSON, "the body starts with a UTF-8 byte-order mark; send plain UTF-8 without one", at: .root)
        }
        if let offset = firstInvalidUTF8Offset(bytes) {
            throw fatal(.invalidEncoding, "the body is not valid UTF-8 (byte \(offset))", at: .root)
        }
        skipWhitespace()
        if index == bytes.count {
            throw fatal(.invalidJSON, "the body is empty; send a JSON object", at: .root)
        }
        let value = try parseValue(path: .root, depth: 0)
        skipWhitespace()
        if index != bytes.count {
            throw syntax("unexpected content after the end of the document")
        }
        if !recoverable.isEmpty { throw JSONParseError(problems: recoverable) }
        return value
    }

    // MARK: values

    mutating func parseValue(path: JSONPointer, depth: Int) throws(JSONParseError) -> JSONValue {
        guard let byte = peek() else { throw syntax("the document ends where a value was expected") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(path: path, depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(path: path, depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber(path: path)
        default: throw syntax("unexpected character \(describe(byte)) where a value was expected")
        }
    }

    mutating func checkDepth(_ depth: Int, path: JSONPointer) throws(JSONParseError) {
        if depth > maximumDepth {
            throw fatal(.tooDeep, "the document nests deeper than \(maximumDepth) levels", at: path)
        }
    }

    mutating func parseObject(path: JSONPointer, depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth, path: path)
        index += 1
        var members: [JSONObject.Member] = []
        var seen = Set<String>()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { index += 1; return .object(JSONObject()) }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw syntax("expected a quoted member name") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw syntax("expected ':' after member name \"\(key)\"") }
            index += 1
            skipWhitespace()
            let memberPath = path.appending(key)
            let value = try parseValue(path: memberPath, depth: depth)
            if seen.insert(key).inserted {
                members.append(JSONObject.Member(key: key, value: value))
            } else {
                recoverable.append(Problem(
                    path: memberPath, code: .duplicateKey,
                    message: "the member \"\(key)\" appears more than once in the same object"))
            }
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return .object(JSONObject(uniqueMembers: members))
            default: throw syntax("expected ',' or '}' in an object")
            }
        }
    }

    mutating func parseArray(path: JSONPointer, depth: Int) throws(JSONParseError) -> JSONValue {
        try checkDepth(depth, path: path)
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") { index += 1; return .array([]) }
        while true {
            skipWhitespace()
            items.append(try parseValue(path: path.appending(index: items.count), depth: depth))
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return .array(items)
            default: throw syntax("expected ',' or ']' in an array")
            }
        }
    }

    mutating func parseNumber(path: JSONPointer) throws(JSONParseError) -> JSONValue {
        let start = index
        var isInteger = true
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), isDigit(first) else { throw syntax("a number needs digits") }
        index += 1
        if first != UInt8(ascii: "0") { skipDigits() } else if let next = peek(), isDigit(next) {
            throw syntax("numbers may not have leading zeros")
        }
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard let digit = peek(), isDigit(digit) else { throw syntax("a '.' in a number needs digits after it") }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard let digit = peek(), isDigit(digit) else { throw syntax("an exponent needs digits") }
            skipDigits()
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if isInteger {
            if let value = Int64(text) { return .integer(value) }
            recoverable.append(Problem(
                path: path, code: .numberOutOfRange,
                message: "the integer \(text.prefix(40)) is outside the 64-bit range"))
            return .null
        }
        if let value = Double(text), value.isFinite { return .real(value) }
        recoverable.append(Problem(
            path: path, code: .numberOutOfRange,
            message: "the number \(text.prefix(40)) is outside the range of a double"))
        return .null
    }

    /// Reads a string after its opening quote. A string without escapes (nearly every one) is
    /// decoded from its bytes in one step; escapes are decoded into a byte buffer.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var decoded: [UInt8] = []  // used once an escape is met
        var escaped = false
        var runStart = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text: String
                if escaped {
                    decoded.append(contentsOf: bytes[runStart..<index])
                    text = String(decoding: decoded, as: UTF8.self)
                } else {
                    text = String(decoding: bytes[start..<index], as: UTF8.self)
                }
                index += 1
                return text
            }
            if byte < 0x20 { throw syntax("control character \(describe(byte)) inside a string must be escaped") }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                decoded.append(contentsOf: bytes[runStart..<index])
                index += 1
                UTF8.encode(try parseEscape()) { decoded.append($0) }
                runStart = index
                continue
            }
            index += 1
        }
        throw syntax("a string is not closed")
    }

    mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard let byte = peek() else { throw syntax("a string ends inside an escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high) {
                guard peek() == UInt8(ascii: "\\"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") else {
                    throw syntax("a \\u escape holds an unpaired surrogate")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw syntax("a \\u escape holds an unpaired surrogate") }
                let combined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(combined) else { throw syntax("invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw syntax("a \\u escape holds an unpaired surrogate") }
            return scalar
        default:
            throw syntax("unknown escape \\\(describe(byte)) in a string")
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw syntax("a \\u escape needs four hex digits") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntax("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    // MARK: helpers

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: count)
        guard index + count <= bytes.count, bytes[index..<index + count].elementsEqual(expected) else {
            throw syntax("unexpected characters where a value was expected")
        }
        index += count
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func skipDigits() {
        while let byte = peek(), isDigit(byte) { index += 1 }
    }

    mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "0x" + String(byte, radix: 16, uppercase: true)
    }

    func position() -> String {
        var line = 1
        var column = 1
        for byte in bytes[..<min(index, bytes.count)] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    func syntax(_ message: String) -> JSONParseError {
        fatal(.invalidJSON, "\(message) (\(position()))", at: .root)
    }

    func fatal(_ code: ProblemCode, _ message: String, at path: JSONPointer) -> JSONParseError {
        JSONParseError(problems: recoverable + [Problem(path: path, code: code, message: message)])
    }
}

/// The offset of the first byte that breaks UTF-8 (overlongs, surrogates and values above
/// U+10FFFF included), or `nil` when the bytes are valid UTF-8.
func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
    var index = 0
    while index < bytes.count {
        let lead = bytes[index]
        if lead < 0x80 { index += 1; continue }
        let length: Int
        let lowerBound: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; lowerBound = 0x80
        case 0xE0...0xEF: length = 3; lowerBound = 0x800
        case 0xF0...0xF4: length = 4; lowerBound = 0x10000
        default: return index
        }
        guard index + length <= bytes.count else { return index }
        var scalar = UInt32(lead) & (0xFF >> (length + 1))
        for offset in 1..<length {
            let continuation = bytes[index + offset]
            guard continuation & 0xC0 == 0x80 else { return index }
            scalar = scalar << 6 | UInt32(continuation & 0x3F)
        }
        if scalar < lowerBound || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
        index += length
    }
    return nil
}
