public import PlannerKernel

/// A chart in an OCI registry: `oci://registry[:port]/repository/…/chart[:tag][@digest]`.
///
/// Helm reads the first path segment as the registry with no Docker Hub defaults, so the planner
/// insists that it looks like a host (a `.` or a port, or `localhost`). Repository paths are lower
/// case. The tag is the chart's version: a strict SemVer version with `+` written `_` (a `+` in the
/// input is accepted and rewritten, as Helm does). Digests are `sha256` or `sha512` in lower-case hex.
public struct OCIChartReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host, lower case (a name, an IPv4 address or a bracketed IPv6 address).
    public let host: String
    /// The registry port, when written.
    public let port: Int?
    /// The repository path below the registry, ending with the chart's name (`org/charts/nginx`).
    public let repository: String
    /// The tag (OCI spelling, `_` for `+`), when written or filled in from `version`.
    public let tag: String?
    /// The digest (`sha256:…`), when written.
    public let digest: String?

    /// The longest registry-plus-repository name.
    public static let maximumNameLength = 255

    /// The chart's name: the last repository segment.
    public var chartName: String { repository.split(separator: "/").last.map(String.init) ?? repository }

    /// The registry as written in a reference: host and optional port.
    public var registry: String { port.map { "\(host):\($0)" } ?? host }

    /// The version the tag stands for (`1.2.3_build.1` → `1.2.3+build.1`), when tagged.
    public var taggedVersion: SemanticVersion? { tag.flatMap { try? SemanticVersion(ociTag: $0) } }

    /// The canonical form: `oci://registry/repository[:tag][@digest]`.
    public var description: String {
        "oci://\(registry)/\(repository)" + (tag.map { ":\($0)" } ?? "") + (digest.map { "@\($0)" } ?? "")
    }

    /// This reference with `tag` (a version's OCI spelling) in place of its own.
    public func withTag(_ tag: String) -> OCIChartReference {
        OCIChartReference(host: host, port: port, repository: repository, tag: tag, digest: digest)
    }

    private init(host: String, port: Int?, repository: String, tag: String?, digest: String?) {
        self.host = host
        self.port = port
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `text`, which starts with `oci://`, or throws why it is not a chart reference.
    public init(parsing text: String) throws(FormatError) {
        guard text.hasPrefix("oci://") else {
            throw FormatError(message: "\(quoted(text)) is not an OCI reference: it must start with oci://")
        }
        let rest = Substring(text.dropFirst(6))
        guard !rest.isEmpty else {
            throw FormatError(message: "\(quoted(text)) names no chart", hint: "write oci://registry/repository/chart, such as oci://ghcr.io/org/charts/nginx")
        }
        if let bad = rest.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            throw FormatError(message: "the OCI reference \(quoted(text)) contains \(bad == " " ? "a space" : "a control or non-ASCII character")")
        }
        guard let slash = rest.firstIndex(of: "/") else {
            throw FormatError(message: "\(quoted(text)) has no registry: the first part after oci:// is the registry host, and the chart's repository follows it",
                hint: "write oci://<registry>/\(rest), for example oci://ghcr.io/<org>/\(rest)")
        }
        let registry = rest[..<slash]
        var remainder = rest[rest.index(after: slash)...]
        if registry.contains("@") {
            throw FormatError(message: "the OCI reference \"oci://…\" carries credentials (user:password@)",
                hint: "remove the credentials; a planner never forwards secrets in references")
        }
        let (host, port) = try Self.registry(registry, text: text, remainder: remainder)

        var digest: String?
        if let at = remainder.firstIndex(of: "@") {
            digest = try Self.digest(remainder[remainder.index(after: at)...])
            remainder = remainder[..<at]
        }
        var tag: String?
        if let colon = remainder.lastIndex(of: ":") {
            tag = try Self.tag(remainder[remainder.index(after: colon)...])
            remainder = remainder[..<colon]
        }
        try Self.checkRepository(remainder, host: registry, text: text)
        let nameLength = registry.utf8.count + 1 + remainder.utf8.count
        guard nameLength <= Self.maximumNameLength else {
            throw FormatError(code: .tooLong, message: "the OCI name (registry and repository) is \(nameLength) characters long; the limit is \(Self.maximumNameLength)")
        }
        self.init(host: host, port: port, repository: String(remainder), tag: tag, digest: digest)
    }

    /// Checks the registry part: a host that looks like one, lower case, and an optional port.
    private static func registry(_ registry: Substring, text: String, remainder: Substring) throws(FormatError) -> (String, Int?) {
        guard !registry.isEmpty else {
            throw FormatError(message: "\(quoted(text)) has an empty registry: there are more than two slashes after oci:",
                hint: "write oci://\(text.dropFirst(6).drop(while: { $0 == "/" }))")
        }
        var host = registry
        var port: Int?
        if registry.hasPrefix("[") {
            guard let close = registry.firstIndex(of: "]") else { throw FormatError(message: "the registry's IPv6 address is not closed with ']'") }
            host = registry[...close]
            let after = registry[registry.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw FormatError(message: "unexpected characters after the registry's IPv6 address") }
                port = try Self.port(after.dropFirst())
            }
        } else if let colon = registry.lastIndex(of: ":") {
            host = registry[..<colon]
            port = try Self.port(registry[registry.index(after: colon)...])
        }
        if !host.hasPrefix("[") {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.utf8.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
            }
            guard valid else { throw FormatError(message: "the registry \(quoted(registry)) is not a valid host name") }
            if host.utf8.contains(where: ASCII.isUpper) {
                throw FormatError(message: "the registry \(quoted(registry)) has upper-case letters",
                    hint: "write oci://\(registry.lowercased())/\(remainder)")
            }
            if port == nil && !host.contains(".") && host != "localhost" {
                throw FormatError(
                    message: "\(quoted(registry)) would be taken as the registry host, but it has no dot or port and is not localhost: Helm does not add a default registry",
                    hint: "write the registry in full, for example oci://registry-1.docker.io/\(registry)/\(remainder) for Docker Hub")
            }
        }
        return (String(host), port)
    }

    private static func port(_ digits: Substring) throws(FormatError) -> Int {
        guard !digits.isEmpty, digits.count <= 5, digits.utf8.allSatisfy(ASCII.isDigit), let value = Int(digits), (1...65535).contains(value) else {
            throw FormatError(message: "the registry port \(quoted(digits.prefix(10))) is not a number from 1 to 65535")
        }
        return value
    }

    /// Checks the repository path: segments of lower-case letters and digits joined by `.`, `_`, `__` or dashes.
    private static func checkRepository(_ path: Substring, host: Substring, text: String) throws(FormatError) {
        guard !path.isEmpty else {
            throw FormatError(message: "\(quoted(text)) names a registry but no chart repository", hint: "write oci://\(host)/<repository>/<chart>")
        }
        if path.utf8.contains(where: ASCII.isUpper) {
            throw FormatError(message: "the repository \(quoted(path)) has upper-case letters; OCI repository names are lower case",
                hint: "write oci://\(host)/\(path.lowercased())")
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard isRepositorySegment(Array(segment.utf8)) else {
                let shown = segment.isEmpty ? "an empty segment (two slashes, or a slash at the end)" : "the segment \(quoted(segment))"
                throw FormatError(message: "the repository \(quoted(path)) has \(shown); segments are lower-case letters and digits, joined by '.', '_', '__' or '-'")
            }
        }
    }

    /// Whether `bytes` is `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`.
    static func isRepositorySegment(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first, let last = bytes.last, ASCII.isLowerAlphanumeric(first), ASCII.isLowerAlphanumeric(last) else { return false }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if ASCII.isLowerAlphanumeric(byte) { index += 1; continue }
            let start = index
            while index < bytes.count, !ASCII.isLowerAlphanumeric(bytes[index]) { index += 1 }
            let separator = bytes[start..<index]
            let ok = separator.elementsEqual([UInt8(ascii: ".")]) || separator.elementsEqual([UInt8(ascii: "_")])
                || separator.elementsEqual([UInt8(ascii: "_"), UInt8(ascii: "_")]) || separator.allSatisfy { $0 == UInt8(ascii: "-") }
            if !ok { return false }
        }
        return true
    }

    /// Checks a tag, rewriting `+` as `_`: the OCI tag grammar and a strict SemVer version.
    private static func tag(_ written: Substring) throws(FormatError) -> String {
        guard !written.isEmpty else {
            throw FormatError(message: "the OCI reference ends with ':' but has no tag", hint: "write a chart version after ':', such as :1.2.3, or remove the ':'")
        }
        let tag = String(written).replacingPlusWithUnderscore()
        let bytes = Array(tag.utf8)
        let valid = bytes.count <= 128 && (ASCII.isAlphanumeric(bytes[0]) || bytes[0] == UInt8(ascii: "_"))
            && bytes.allSatisfy { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        guard valid else {
            throw FormatError(message: "the tag \(quoted(written)) is not a valid OCI tag (letters, digits, '_', '.', '-', at most 128)")
        }
        do {
            _ = try SemanticVersion(ociTag: tag)
        } catch {
            let detail = ASCII.isDigit(bytes[0]) ? " (\(error.message))" : ""
            throw FormatError(message: "the tag \(quoted(written)) is not a chart version: Helm tags a chart with its exact SemVer version\(detail)",
                hint: "write a version such as :1.2.3, or drop the tag and give a constraint in version")
        }
        return tag
    }

    /// Checks a digest: `sha256:` and 64, or `sha512:` and 128, lower-case hex digits.
    private static func digest(_ written: Substring) throws(FormatError) -> String {
        let parts = written.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let expected: Int? = switch parts.first.map(String.init) {
        case "sha256"?: 64
        case "sha512"?: 128
        default: nil
        }
        guard parts.count == 2, let expected else {
            throw FormatError(message: "the digest \(quoted(written)) is not sha256:<64 hex digits> or sha512:<128 hex digits>")
        }
        let hex = parts[1]
        guard hex.utf8.count == expected, hex.utf8.allSatisfy({ ASCII.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }) else {
            let lower = hex.lowercased()
            let fixable = lower.utf8.count == expected && lower.utf8.allSatisfy { ASCII.isDigit($0) || ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "f")) }
            throw FormatError(message: "the digest \(quoted(written)) must have exactly \(expected) lower-case hex digits after \(parts[0]):",
                hint: fixable ? "write \(parts[0]):\(lower)" : nil)
        }
        return String(written)
    }
}
