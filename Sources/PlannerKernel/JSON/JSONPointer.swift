/// An RFC 6901 JSON Pointer, built from reference tokens and rendered with `~0`/`~1` escapes.
public struct JSONPointer: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// The unescaped reference tokens, outermost first.
    public private(set) var tokens: [String]

    /// The pointer to the whole document (`""`).
    public static let root = JSONPointer(tokens: [])

    /// A pointer from unescaped tokens.
    public init(tokens: [String]) { self.tokens = tokens }

    /// Parses a rendered pointer (`/a/b~1c`); `nil` when it is not a valid pointer.
    public init?(_ rendered: String) {
        if rendered.isEmpty { self.tokens = []; return }
        guard rendered.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in rendered.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else { token.append(character); continue }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: return nil
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    /// This pointer extended by one object key.
    public func appending(_ key: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [key])
    }

    /// This pointer extended by one array index.
    public func appending(index: Int) -> JSONPointer {
        JSONPointer(tokens: tokens + [String(index)])
    }

    /// The last token, if any.
    public var lastToken: String? { tokens.last }

    /// The rendered pointer, for example `/resources/mincores`.
    public var description: String {
        var rendered = ""
        for token in tokens {
            rendered += "/"
            rendered += token.escapedAsPointerToken()
        }
        return rendered
    }

    /// Orders pointers by their rendered form.
    public static func < (lhs: JSONPointer, rhs: JSONPointer) -> Bool {
        lhs.description < rhs.description
    }
}

extension String {
    /// The token with `~` written `~0` and `/` written `~1` (RFC 6901 §3); most tokens have
    /// neither and are returned as they are (answers render a pointer per warning and reason).
    fileprivate func escapedAsPointerToken() -> String {
        guard utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return self }
        var escaped = ""
        escaped.reserveCapacity(utf8.count + 2)
        for scalar in unicodeScalars {
            switch scalar {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

extension JSONPointer: Codable {
    /// Decodes a rendered pointer string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let rendered = try container.decode(String.self)
        guard let pointer = JSONPointer(rendered) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a JSON Pointer: \(rendered)")
        }
        self = pointer
    }

    /// Encodes the rendered pointer string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
