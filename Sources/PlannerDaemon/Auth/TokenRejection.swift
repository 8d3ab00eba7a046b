/// Why a bearer token was refused. The code and message are logged and sent back in the `401`
/// answer; neither ever contains the token's text.
public struct TokenRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, as a stable code.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// Not a JWS in compact form (three base64url parts with JSON header and claims).
        case malformed
        /// `alg` is `none`, an HMAC, or another algorithm plannerd does not accept.
        case unsupportedAlgorithm = "unsupported-algorithm"
        /// The header asks for an extension plannerd does not implement (`crit`).
        case unsupportedExtension = "unsupported-extension"
        /// `iss` names no configured issuer.
        case unknownIssuer = "unknown-issuer"
        /// `kid` names no key of the issuer, or the key cannot verify `alg`.
        case unknownKey = "unknown-key"
        /// The signature does not verify.
        case badSignature = "bad-signature"
        /// `exp` has passed (beyond the leeway).
        case expired
        /// `nbf` is still ahead (beyond the leeway).
        case notYetValid = "not-yet-valid"
        /// `aud` does not name this plannerd's audience.
        case wrongAudience = "wrong-audience"
        /// A required claim (`exp`, `sub`) is missing or unusable.
        case badClaim = "bad-claim"
        /// This plannerd has no issuers, so it accepts no tokens.
        case noIssuers = "no-issuers"
    }

    /// What was wrong.
    public var code: Code
    /// One sentence for the client and the log.
    public var message: String

    /// A rejection.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
