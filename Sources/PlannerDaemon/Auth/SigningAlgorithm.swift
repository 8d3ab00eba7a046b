/// The JWS algorithms plannerd accepts (API.md §8): asymmetric signatures only. `none` and the
/// HMAC family are refused, so a public key can never be used as an HMAC secret.
public enum SigningAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSASSA-PKCS1-v1_5 with SHA-256, SHA-384 or SHA-512.
    case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
    /// RSASSA-PSS with SHA-256, SHA-384 or SHA-512.
    case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
    /// ECDSA on P-256, P-384 or P-521.
    case es256 = "ES256", es384 = "ES384", es512 = "ES512"
    /// Ed25519.
    case eddsa = "EdDSA"

    /// The RSA algorithms.
    static let rsa: Set<SigningAlgorithm> = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512]

    /// The algorithm an elliptic-curve JWK's `crv` implies.
    static func ecdsa(curve: String) -> SigningAlgorithm? {
        switch curve {
        case "P-256": .es256
        case "P-384": .es384
        case "P-521": .es512
        default: nil
        }
    }

    /// Why `name` (a JWS header's `alg`) is refused, or `nil` when it is accepted.
    static func refusal(of name: String) -> String? {
        if SigningAlgorithm(rawValue: name) != nil { return nil }
        if name.lowercased() == "none" { return "unsigned tokens (alg none) are not accepted" }
        if name.uppercased().hasPrefix("HS") {
            return "HMAC-signed tokens are not accepted; only asymmetric signatures are"
        }
        return "the token's algorithm is not accepted; accepted: \(allCases.map(\.rawValue).joined(separator: ", "))"
    }
}
