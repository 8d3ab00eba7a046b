/// An `http`/`https` URL checked the way a planner needs: a scheme, a non-empty host, no
/// credentials, a port in 1–65535, no spaces, at most 2048 characters.
///
/// Handlers use it for chart archives, chart repositories and notebook URLs. It does not resolve
/// anything; it only makes sure the URL can be sent on to a service unchanged.
public struct WebURL: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`, lower case.
    public let scheme: String
    /// The host as written (a name, an IPv4 address or a bracketed IPv6 address).
    public let host: String
    /// The port, when one is written.
    public let port: Int?
    /// The path, starting with `/`, or empty.
    public let path: String
    /// The query without `?`, when present.
    public let query: String?
    /// The URL as written.
    public let text: String

    /// The longest accepted URL.
    public static let maximumLength = 2048

    /// The URL as written.
    public var description: String { text }

    /// The last path segment (`nginx-1.2.3.tgz`), or empty.
    public var lastPathSegment: String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    }

    /// Parses `text`, allowing the given schemes (lower case), or throws why it is unusable.
    public init(parsing text: String, schemes: Set<String> = ["https", "http"]) throws(FormatError) {
        guard !text.isEmpty else { throw FormatError(message: "the URL is empty") }
        guard text.utf8.count <= Self.maximumLength else {
            throw FormatError(code: .tooLong, message: "the URL is \(text.utf8.count) characters long; the limit is \(Self.maximumLength)")
        }
        if let bad = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F || $0.value > 0x7E }) {
            let what = bad == " " ? "a space" : "the character U+\(String(bad.value, radix: 16, uppercase: true))"
            throw FormatError(message: "the URL contains \(what)", hint: "percent-encode it (a space is %20) or remove it")
        }
        guard let colon = text.firstIndex(of: ":") else {
            throw FormatError(message: "\"\(text.prefix(80))\" is not an absolute URL: it has no scheme",
                hint: "write it in full, starting with \(schemes.contains("https") ? "https://" : schemes.sorted()[0] + "://")")
        }
        let scheme = String(text[..<colon])
        guard schemes.contains(scheme) else {
            let allowed = schemes.sorted().joined(separator: " or ")
            throw FormatError(message: "the URL scheme \"\(scheme.prefix(20))\" is not allowed here; use \(allowed)")
        }
        var rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else {
            throw FormatError(message: "\"\(text.prefix(80))\" has no host: \(scheme): must be followed by //host/",
                hint: "write \(scheme)://\(rest.drop(while: { $0 == "/" }))")
        }
        rest = rest.dropFirst(2)
        if rest.hasPrefix("/") {
            let fixed = "\(scheme)://" + rest.drop(while: { $0 == "/" })
            throw FormatError(message: "the URL \"\(text.prefix(80))\" has an empty host: there are more than two slashes after \(scheme):",
                hint: "write \(fixed)")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var afterAuthority = rest[authorityEnd...]
        if authority.contains("@") {
            throw FormatError(message: "the URL \"\(scheme)://…\" carries credentials (user:password@)",
                hint: "remove the credentials; a planner never forwards secrets in URLs")
        }
        var host = authority
        var port: Int?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else {
                throw FormatError(message: "the URL's IPv6 host is not closed with ']'")
            }
            host = authority[...close]
            let afterHost = authority[authority.index(after: close)...]
            if !afterHost.isEmpty {
                guard afterHost.hasPrefix(":") else { throw FormatError(message: "unexpected characters after the URL's IPv6 host") }
                port = try Self.port(afterHost.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = try Self.port(authority[authority.index(after: colon)...])
        }
        guard !host.isEmpty else {
            throw FormatError(message: "the URL \"\(text.prefix(80))\" has an empty host")
        }
        if !host.hasPrefix("[") {
            let labels = host.split(separator: ".", omittingEmptySubsequences: false)
            let valid = labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
            }
            guard valid else {
                throw FormatError(message: "\"\(host.prefix(80))\" is not a valid host name")
            }
        }
        if afterAuthority.contains("#") {
            afterAuthority = afterAuthority[..<(afterAuthority.firstIndex(of: "#") ?? afterAuthority.endIndex)]
        }
        var query: String?
        var path = afterAuthority
        if let questionMark = afterAuthority.firstIndex(of: "?") {
            path = afterAuthority[..<questionMark]
            query = String(afterAuthority[afterAuthority.index(after: questionMark)...])
        }
        self.scheme = scheme
        self.host = String(host)
        self.port = port
        self.path = String(path)
        self.query = query
        self.text = text
    }

    static func port(_ digits: Substring) throws(FormatError) -> Int {
        guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int(digits), (1...65535).contains(value)
        else {
            throw FormatError(message: "the URL's port \"\(digits.prefix(10))\" is not a number from 1 to 65535")
        }
        return value
    }
}
