public import PlannerKernel

/// The registry part of an image reference (`ghcr.io`, `localhost:5000`, `[2001:db8::1]:5000`):
/// a host name, an IPv4 address or a bracketed IPv6 address, with an optional port.
///
/// Stricter than Docker on purpose: the port must be 1–65535 and an IPv6 address must be a
/// well-formed one without a zone (`%eth0`) or an embedded IPv4 part.
public struct RegistryDomain: Sendable, Hashable, CustomStringConvertible {
    /// The domain after normalisation: as written, except `index.docker.io` becomes `docker.io`.
    public let text: String
    /// The port, when one is written.
    public let port: Int?

    /// Docker Hub's registry domain.
    public static let dockerHub = "docker.io"
    /// The legacy spelling of Docker Hub's registry, rewritten to ``dockerHub``.
    public static let legacyDockerHub = "index.docker.io"

    /// The normalised domain.
    public var description: String { text }

    /// The domain in lower case, for comparing against an operator's allow-list (host names are
    /// case-insensitive even though Docker keeps them as typed).
    public var comparisonKey: String { text.lowercased() }

    /// Parses `host[:port]`, or throws what is wrong with it.
    public init(parsing text: String) throws(FormatError) {
        try self.init(bytes: Array(text.utf8)[...])
    }

    init(bytes: ArraySlice<UInt8>) throws(FormatError) {
        let written = ASCII.string(bytes)
        guard !bytes.isEmpty else { throw FormatError(message: "the registry is empty") }
        if let bad = bytes.first(where: { !ASCII.isVisible($0) }) {
            throw FormatError(message: "the registry \"\(ASCII.shown(written))\" contains \(ASCII.quoted(bad))")
        }
        var portBytes: ArraySlice<UInt8>?
        if bytes.first == ASCII.openBracket {
            guard let close = bytes.firstIndex(of: ASCII.closeBracket) else {
                throw FormatError(message: "the IPv6 registry address \"\(ASCII.shown(written))\" is not closed with ']'")
            }
            try Self.checkIPv6(bytes[(bytes.startIndex + 1)..<close], written: written)
            let after = bytes[(close + 1)...]
            if !after.isEmpty {
                guard after.first == ASCII.colon else {
                    throw FormatError(message: "the registry \"\(ASCII.shown(written))\" has \(ASCII.quoted(after[after.startIndex])) after its IPv6 address; only :port may follow")
                }
                portBytes = after.dropFirst()
            }
        } else {
            let colon = bytes.firstIndex(of: ASCII.colon)
            try Self.checkHostName(bytes[..<(colon ?? bytes.endIndex)], written: written)
            if let colon { portBytes = bytes[(colon + 1)...] }
        }
        self.port = try portBytes.map { bytes throws(FormatError) in try Self.port(bytes, written: written) }
        self.text = written == Self.legacyDockerHub ? Self.dockerHub : written
    }

    /// A host name or IPv4 address: dot-separated labels of letters and digits with inner hyphens.
    static func checkHostName(_ host: ArraySlice<UInt8>, written: String) throws(FormatError) {
        guard !host.isEmpty else {
            throw FormatError(message: "the registry \"\(ASCII.shown(written))\" has a port but no host name")
        }
        for label in host.split(separator: ASCII.dot, omittingEmptySubsequences: false) {
            guard let first = label.first, let last = label.last else {
                throw FormatError(message: "the registry host \"\(ASCII.shown(ASCII.string(host)))\" has an empty label (two dots in a row, or a leading or trailing dot)")
            }
            if let bad = label.first(where: { !ASCII.isLetterOrDigit($0) && $0 != ASCII.hyphen }) {
                throw FormatError(message: "the registry host \"\(ASCII.shown(ASCII.string(host)))\" contains \(ASCII.quoted(bad)); a host name has only letters, digits, '-' and '.'")
            }
            if first == ASCII.hyphen || last == ASCII.hyphen {
                throw FormatError(message: "the registry host \"\(ASCII.shown(ASCII.string(host)))\" has a label that starts or ends with '-'")
            }
        }
    }

    /// The inside of `[…]`: hex groups separated by `:`, at most one `::`, no zone, no IPv4 part.
    static func checkIPv6(_ address: ArraySlice<UInt8>, written: String) throws(FormatError) {
        let shown = ASCII.shown(written)
        if address.contains(ASCII.percent) {
            throw FormatError(message: "the IPv6 registry address \"\(shown)\" has a zone identifier (%…), which a reference may not carry")
        }
        if address.contains(ASCII.dot) {
            throw FormatError(message: "the IPv6 registry address \"\(shown)\" embeds an IPv4 address, which a reference may not carry",
                hint: "write the IPv4 address on its own, without brackets")
        }
        if let bad = address.first(where: { !ASCII.isHex($0) && $0 != ASCII.colon }) {
            throw FormatError(message: "the IPv6 registry address \"\(shown)\" contains \(ASCII.quoted(bad))")
        }
        let bytes = Array(address)
        var doubleColons = 0
        var index = 0
        while index + 1 < bytes.count {
            if bytes[index] == ASCII.colon && bytes[index + 1] == ASCII.colon { doubleColons += 1; index += 2 } else { index += 1 }
        }
        let groups = address.split(separator: ASCII.colon, omittingEmptySubsequences: true)
        let tripleColon = bytes.count >= 3 && (0..<(bytes.count - 2)).contains { bytes[$0] == ASCII.colon && bytes[$0 + 1] == ASCII.colon && bytes[$0 + 2] == ASCII.colon }
        let strayColon = (bytes.first == ASCII.colon && !(bytes.count > 1 && bytes[1] == ASCII.colon))
            || (bytes.last == ASCII.colon && !(bytes.count > 1 && bytes[bytes.count - 2] == ASCII.colon))
        let valid = !bytes.isEmpty && doubleColons <= 1 && !tripleColon && !strayColon
            && groups.allSatisfy { $0.count <= 4 }
            && (doubleColons == 1 ? groups.count <= 7 : groups.count == 8)
        guard valid else {
            throw FormatError(message: "\"\(shown)\" is not a valid IPv6 address: it needs eight groups of up to four hex digits, or fewer with one '::'")
        }
    }

    /// A port number, which must be 1–65535 (Docker accepts any digits).
    static func port(_ digits: ArraySlice<UInt8>, written: String) throws(FormatError) -> Int {
        let shown = ASCII.shown(written)
        guard !digits.isEmpty else {
            throw FormatError(message: "the registry \"\(shown)\" ends with ':' but has no port number",
                hint: "remove the ':' or add the port, such as :5000")
        }
        guard digits.allSatisfy(ASCII.isDigit) else {
            throw FormatError(message: "the registry port \"\(ASCII.shown(ASCII.string(digits), limit: 12))\" in \"\(shown)\" is not a number")
        }
        let value = digits.count > 5 ? Int.max : digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (1...65535).contains(value) else {
            throw FormatError(code: .outOfRange,
                message: "the registry port \(ASCII.shown(ASCII.string(digits), limit: 12)) in \"\(shown)\" is outside 1–65535 (the planner is stricter than Docker here, which accepts any digits)")
        }
        return value
    }
}
