import PlannerKernel

/// A JWS in compact serialization (RFC 7515 §7.1), split and decoded but not yet verified.
///
/// The header and the claims are parsed with plannerd's strict JSON parser, so a token with a
/// duplicated member (two `alg`s, two `sub`s) is refused rather than read one way here and
/// another way elsewhere.
struct CompactToken: Sendable {
    /// The largest token accepted, in bytes.
    static let maximumLength = 16 * 1024

    /// The protected header.
    var header: JSONObject
    /// The claims set.
    var claims: JSONObject

    /// Splits and decodes `text`.
    init(_ text: String) throws(TokenRejection) {
        guard text.utf8.count <= Self.maximumLength else {
            throw TokenRejection(.malformed, "the token is longer than \(Self.maximumLength) bytes")
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 5 { throw TokenRejection(.malformed, "encrypted tokens (JWE) are not accepted; send a signed JWT") }
        guard parts.count == 3 else {
            throw TokenRejection(.malformed, "a JWT has three dot-separated parts; this token has \(parts.count)")
        }
        guard !parts[2].isEmpty else { throw TokenRejection(.malformed, "the token has no signature") }
        header = try Self.object(parts[0], "header")
        claims = try Self.object(parts[1], "claims")
        guard Base64URL.decode(parts[2]) != nil else { throw TokenRejection(.malformed, "the signature is not base64url") }
    }

    static func object(_ part: Substring, _ name: String) throws(TokenRejection) -> JSONObject {
        guard let bytes = Base64URL.decode(part) else { throw TokenRejection(.malformed, "the \(name) is not base64url") }
        guard case .object(let object)? = try? StrictJSONParser(maximumDepth: 16).parse(bytes) else {
            throw TokenRejection(.malformed, "the \(name) is not a JSON object (or repeats a member)")
        }
        return object
    }
}
