public import PlannerKernel

/// What kind of host a notebook or repository URL names, for the server-side request forgery
/// (SSRF) policy: a public name or address, or one that reaches the service's own machine or
/// private network.
///
/// Nothing is resolved: a public-looking DNS name that resolves to a private address is the
/// executing service's to catch when it fetches. Numeric hosts are parsed fully, and IPv4
/// addresses written in the unusual forms browsers accept (`127.1`, `0x7f.0.0.1`, `2130706433`)
/// are refused, since they are the usual way around address filters.
public enum HostClassification: Sendable, Hashable {
    /// A DNS name that is not a local-only name.
    case publicName
    /// An IPv4 or IPv6 address outside the private, loopback, link-local and reserved ranges.
    case publicAddress
    /// A loopback, private, link-local or otherwise local-only host; the text says which.
    case restricted(String)

    /// Whether the SSRF policy applies (the host is local-only).
    public var isRestricted: Bool {
        if case .restricted = self { return true }
        return false
    }

    /// Classifies `host` as written in a ``WebURL`` (a name, a dotted IPv4 address or a
    /// bracketed IPv6 address), or throws when a numeric host is malformed.
    public static func classify(_ host: String) throws(FormatError) -> HostClassification {
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count >= 2 else {
                throw FormatError(message: "the IPv6 host \"\(host.prefix(60))\" is not closed with ']'")
            }
            let groups = try IPv6Address.parse(String(host.dropFirst().dropLast()))
            return IPv6Address.classify(groups)
        }
        let lowered = host.lowercased()
        let labels = lowered.split(separator: ".", omittingEmptySubsequences: false)
        if let last = labels.last, isNumericLabel(last) {
            let octets = try dottedQuad(labels, host: host)
            return classifyIPv4(octets)
        }
        for local in localNameSuffixes where lowered == local || lowered.hasSuffix("." + local) {
            return .restricted(local == "localhost" ? "a loopback name (localhost)" : "a local network name (.\(local))")
        }
        return .publicName
    }

    /// Names that only mean something on the local machine or network.
    static let localNameSuffixes = ["localhost", "local", "internal", "home.arpa"]

    /// Whether a label is numeric the way URL parsers treat it (decimal digits, or `0x` hex).
    static func isNumericLabel(_ label: Substring) -> Bool {
        if label.isEmpty { return false }
        if label.hasPrefix("0x") { return label.dropFirst(2).allSatisfy(\.isHexDigit) }
        return label.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The four octets of a canonical dotted-quad address, or why it is not one.
    static func dottedQuad(_ labels: [Substring], host: String) throws(FormatError) -> [UInt8] {
        var octets: [UInt8] = []
        for label in labels {
            guard label.count <= 3, !label.isEmpty, label.allSatisfy({ $0.isASCII && $0.isNumber }),
                !(label.count > 1 && label.hasPrefix("0")), let value = UInt8(label)
            else { break }
            octets.append(value)
        }
        guard octets.count == 4, labels.count == 4 else {
            throw FormatError(
                message: "\"\(host.prefix(80))\" is a numeric host that is not a plain IPv4 address",
                hint: "write an IPv4 address as four decimal numbers from 0 to 255 without leading zeros, such as 192.0.2.1, or use a host name")
        }
        return octets
    }

    /// Classifies an IPv4 address.
    static func classifyIPv4(_ octets: [UInt8]) -> HostClassification {
        let (a, b) = (octets[0], octets[1])
        switch (a, b) {
        case (0, _): return .restricted("an address of this network (0.0.0.0/8)")
        case (10, _): return .restricted("a private address (10.0.0.0/8)")
        case (100, 64...127): return .restricted("a shared carrier-grade NAT address (100.64.0.0/10)")
        case (127, _): return .restricted("a loopback address (127.0.0.0/8)")
        case (169, 254): return .restricted("a link-local address (169.254.0.0/16)")
        case (172, 16...31): return .restricted("a private address (172.16.0.0/12)")
        case (192, 168): return .restricted("a private address (192.168.0.0/16)")
        case (224..., _): return .restricted("a multicast or reserved address (224.0.0.0/3)")
        default: return .publicAddress
        }
    }
}

/// Parses and classifies IPv6 addresses (RFC 4291 text form, with an optional dotted IPv4 tail).
enum IPv6Address {
    /// The eight 16-bit groups of `text` (without brackets), or why it is not an IPv6 address.
    static func parse(_ text: String) throws(FormatError) -> [UInt16] {
        let invalid = FormatError(message: "\"[\(text.prefix(60))]\" is not a valid IPv6 address")
        if text.contains("%") {
            throw FormatError(message: "the IPv6 host \"[\(text.prefix(60))]\" has a zone identifier",
                hint: "zone identifiers name a local network interface; use a routable address or a host name")
        }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { throw invalid }
        func groups(_ part: String, allowIPv4Tail: Bool) throws(FormatError) -> [UInt16] {
            if part.isEmpty { return [] }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            var result: [UInt16] = []
            for (offset, piece) in pieces.enumerated() {
                if allowIPv4Tail, offset == pieces.count - 1, piece.contains(".") {
                    let labels = piece.split(separator: ".", omittingEmptySubsequences: false)
                    let octets = try HostClassification.dottedQuad(labels, host: String(piece))
                    result.append(UInt16(octets[0]) << 8 | UInt16(octets[1]))
                    result.append(UInt16(octets[2]) << 8 | UInt16(octets[3]))
                    continue
                }
                guard (1...4).contains(piece.count), piece.allSatisfy(\.isHexDigit), let value = UInt16(piece, radix: 16)
                else { throw invalid }
                result.append(value)
            }
            return result
        }
        if halves.count == 1 {
            let all = try groups(halves[0], allowIPv4Tail: true)
            guard all.count == 8 else { throw invalid }
            return all
        }
        let head = try groups(halves[0], allowIPv4Tail: false)
        let tail = try groups(halves[1], allowIPv4Tail: true)
        guard head.count + tail.count <= 7 else { throw invalid }
        return head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    }

    /// Classifies the eight groups of an IPv6 address, looking inside the forms that embed IPv4.
    static func classify(_ groups: [UInt16]) -> HostClassification {
        func embedded(_ high: UInt16, _ low: UInt16) -> HostClassification {
            HostClassification.classifyIPv4([UInt8(high >> 8), UInt8(high & 0xFF), UInt8(low >> 8), UInt8(low & 0xFF)])
        }
        let first = groups[0]
        if groups.allSatisfy({ $0 == 0 }) { return .restricted("the unspecified IPv6 address (::)") }
        if groups[0..<7].allSatisfy({ $0 == 0 }) && groups[7] == 1 { return .restricted("the IPv6 loopback address (::1)") }
        if groups[0..<5].allSatisfy({ $0 == 0 }) && (groups[5] == 0xFFFF || groups[5] == 0) {
            return embedded(groups[6], groups[7])  // IPv4-mapped and the old IPv4-compatible form
        }
        if first == 0x64 && groups[1] == 0xFF9B && groups[2..<6].allSatisfy({ $0 == 0 }) {
            return embedded(groups[6], groups[7])  // NAT64
        }
        if first == 0x2002 { return embedded(groups[1], groups[2]) }  // 6to4
        if first & 0xFE00 == 0xFC00 { return .restricted("a unique local IPv6 address (fc00::/7)") }
        if first & 0xFFC0 == 0xFE80 { return .restricted("a link-local IPv6 address (fe80::/10)") }
        if first & 0xFF00 == 0xFF00 { return .restricted("a multicast IPv6 address (ff00::/8)") }
        return .publicAddress
    }
}
