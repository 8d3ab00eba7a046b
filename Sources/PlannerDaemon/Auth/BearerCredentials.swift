/// What a request's `Authorization` headers present (RFC 6750 §2.1).
enum BearerCredentials: Equatable {
    /// No `Authorization` header.
    case none
    /// `Bearer <token>`, with the token's syntax checked.
    case bearer(String)
    /// Credentials of another scheme (`Basic …`), which plannerd does not offer.
    case otherScheme
    /// Something that is not one well-formed bearer credential: why.
    case malformed(String)

    /// Reads the values of every `Authorization` header of a request.
    static func read(_ values: [String]) -> BearerCredentials {
        guard let value = values.first else { return .none }
        guard values.count == 1 else { return .malformed("the request has \(values.count) Authorization headers; send one") }
        let scheme = value.prefix { $0 != " " }
        guard !scheme.isEmpty else { return .malformed("the Authorization header is empty") }
        guard scheme.lowercased() == "bearer" else { return .otherScheme }
        let token = value.dropFirst(scheme.count).drop { $0 == " " }
        guard !token.isEmpty else { return .malformed("the Authorization header has no token after Bearer") }
        guard isToken68(token) else { return .malformed("the bearer token has characters a token may not have") }
        return .bearer(String(token))
    }

    /// RFC 6750's `b64token`: `1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="`.
    static func isToken68(_ text: Substring) -> Bool {
        let body = text.utf8.reversed().drop { $0 == UInt8(ascii: "=") }
        guard !body.isEmpty else { return false }
        return body.allSatisfy { Base64URL.isAlphabet($0) || ".~+/".utf8.contains($0) }
    }
}
