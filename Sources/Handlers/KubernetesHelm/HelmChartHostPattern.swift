public import PlannerKernel

/// One entry of the `charthosts` setting: a host (`charts.example.org`), a host with a port
/// (`localhost:5000`), or every subdomain of a domain (`*.example.org`, which does not match
/// `example.org` itself). Hosts compare case-insensitively; a pattern without a port matches any port.
public struct HelmChartHostPattern: Sendable, Hashable, CustomStringConvertible {
    /// The host, lower case (for a wildcard, the domain after `*.`).
    public let host: String
    /// Whether this is a `*.domain` pattern.
    public let isWildcard: Bool
    /// The port the URL must name, when the pattern has one.
    public let port: Int?

    /// The pattern as it would be written in the settings.
    public var description: String {
        (isWildcard ? "*." : "") + host + (port.map { ":\($0)" } ?? "")
    }

    /// Parses a `charthosts` entry, or throws why it is not a host pattern.
    public init(parsing text: String) throws(FormatError) {
        guard !text.isEmpty else { throw FormatError(message: "a chart host is empty") }
        if text.contains("://") {
            let host = (try? WebURL(parsing: text, schemes: ["http", "https"]))?.host
                ?? String(text.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first ?? "")
            throw FormatError(message: "\(quoted(text)) is a URL; charthosts lists host names",
                hint: host.isEmpty ? nil : "write \(host)")
        }
        if text.contains("/") {
            throw FormatError(message: "\(quoted(text)) has a path; charthosts lists host names (a host covers every path on it)",
                hint: "write \(text.prefix(while: { $0 != "/" }))")
        }
        var rest = Substring(text.lowercased())
        var isWildcard = false
        if rest.hasPrefix("*.") {
            isWildcard = true
            rest = rest.dropFirst(2)
        }
        var port: Int?
        var host = rest
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]"), !isWildcard else {
                throw FormatError(message: "\(quoted(text)) is not a host: an IPv6 address is written [address] without a wildcard")
            }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw FormatError(message: "\(quoted(text)) has characters after its IPv6 address") }
                port = try Self.port(after.dropFirst(), text: text)
            }
            guard host.dropFirst().dropLast().utf8.allSatisfy({ ASCII.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") }) else {
                throw FormatError(message: "\(quoted(text)) is not an IPv6 address")
            }
        } else {
            if let colon = rest.lastIndex(of: ":") {
                host = rest[..<colon]
                port = try Self.port(rest[rest.index(after: colon)...], text: text)
            }
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { ASCII.isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }
            guard valid else {
                throw FormatError(message: "\(quoted(text)) is not a host name (dot-separated letters, digits and dashes; *.domain for subdomains)")
            }
        }
        self.host = String(host)
        self.isWildcard = isWildcard
        self.port = port
    }

    /// Whether a chart at `host` (as written in a URL) and `port` (when written) matches.
    public func matches(host candidate: String, port candidatePort: Int?) -> Bool {
        if let port, port != candidatePort { return false }
        let lowered = candidate.lowercased()
        return isWildcard ? lowered.hasSuffix("." + host) : lowered == host
    }

    private static func port(_ digits: Substring, text: String) throws(FormatError) -> Int {
        guard !digits.isEmpty, digits.count <= 5, digits.utf8.allSatisfy(ASCII.isDigit), let value = Int(digits), (1...65535).contains(value) else {
            throw FormatError(message: "the port in \(quoted(text)) is not a number from 1 to 65535")
        }
        return value
    }
}
