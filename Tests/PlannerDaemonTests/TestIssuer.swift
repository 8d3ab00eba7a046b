import Crypto
import _CryptoExtras
import Foundation
import PlannerKernel
import Testing

/// A test identity provider: signing keys generated in the test, the JWKS that publishes their
/// public halves, and tokens signed with them (or deliberately not).
struct TestIssuer: Sendable {
    /// A private signing key.
    enum SigningKey: Sendable {
        case es256(P256.Signing.PrivateKey)
        case rs256(_RSA.Signing.PrivateKey)
    }

    /// The `iss` of its tokens.
    var issuer: String
    /// The `aud` of its tokens by default.
    var audience: String
    /// The keys, by `kid`, in JWKS order.
    var keys: [(kid: String, key: SigningKey)]

    /// An issuer with one ES256 key (`ec-1`) and one RS256 key (`rsa-1`).
    static func make(issuer: String = "https://iam.example.org/", audience: String = "plannerd") throws -> TestIssuer {
        TestIssuer(issuer: issuer, audience: audience, keys: [
            ("ec-1", .es256(P256.Signing.PrivateKey())),
            ("rsa-1", .rs256(try _RSA.Signing.PrivateKey(keySize: .bits2048))),
        ])
    }

    /// A new ES256 key.
    static func newES256() -> SigningKey { .es256(P256.Signing.PrivateKey()) }

    /// The JWKS document with every key's public half.
    var jwks: String {
        let members = keys.map { kid, key -> JSONValue in Self.publicJWK(key, kid: kid) }
        return JSONValue.object(JSONObject([.init(key: "keys", value: .array(members))])).jsonText
    }

    /// A key's public half as a JWK.
    static func publicJWK(_ key: SigningKey, kid: String) -> JSONValue {
        switch key {
        case .es256(let key):
            let raw = [UInt8](key.publicKey.rawRepresentation)
            return ["kty": "EC", "crv": "P-256", "use": "sig", "alg": "ES256", "kid": .string(kid),
                    "x": .string(base64URL(raw[0..<32])), "y": .string(base64URL(raw[32...]))]
        case .rs256(let key):
            let primitives = try? key.publicKey.getKeyPrimitives()
            return ["kty": "RSA", "use": "sig", "alg": "RS256", "kid": .string(kid),
                    "n": .string(base64URL(primitives?.modulus ?? Data())), "e": .string(base64URL(primitives?.publicExponent ?? Data()))]
        }
    }

    /// Claims for `subject`: this issuer, its audience, valid from a minute ago for an hour.
    func claims(subject: String = "alice", groups: [String]? = nil, now: Date = Date()) -> JSONObject {
        let seconds = Int64(now.timeIntervalSince1970)
        var claims = JSONObject([
            .init(key: "iss", value: .string(issuer)), .init(key: "sub", value: .string(subject)),
            .init(key: "aud", value: .string(audience)), .init(key: "iat", value: .integer(seconds - 60)),
            .init(key: "nbf", value: .integer(seconds - 60)), .init(key: "exp", value: .integer(seconds + 3600)),
        ])
        if let groups { claims["groups"] = .array(groups.map { .string($0) }) }
        return claims
    }

    /// A token for `claims`, signed with the key `kid` (the first key by default); `header`
    /// members replace the usual `alg`/`kid`/`typ`.
    func token(_ claims: JSONObject, kid: String? = nil, header: JSONObject = JSONObject()) throws -> String {
        let (name, key) = try #require(kid.map { kid in keys.first { $0.kid == kid } } ?? keys.first)
        var fields = JSONObject([.init(key: "alg", value: .string(Self.algorithm(key))), .init(key: "kid", value: .string(name)), .init(key: "typ", value: "JWT")])
        for member in header.members { fields[member.key] = member.value }
        let input = Self.base64URL(Array(JSONValue.object(fields).jsonText.utf8)) + "." + Self.base64URL(Array(JSONValue.object(claims).jsonText.utf8))
        return input + "." + Self.base64URL(try Self.sign(Array(input.utf8), with: key))
    }

    /// A token for `subject` signed with the first key.
    func token(subject: String = "alice", groups: [String]? = nil) throws -> String {
        try token(claims(subject: subject, groups: groups))
    }

    static func algorithm(_ key: SigningKey) -> String {
        switch key {
        case .es256: "ES256"
        case .rs256: "RS256"
        }
    }

    static func sign(_ input: [UInt8], with key: SigningKey) throws -> [UInt8] {
        switch key {
        case .es256(let key): [UInt8](try key.signature(for: input).rawRepresentation)
        case .rs256(let key): [UInt8](try key.signature(for: input, padding: .insecurePKCS1v1_5).rawRepresentation)
        }
    }

    /// The PEM of a key's public half (what an attacker would use as an HMAC secret).
    static func publicPEM(_ key: SigningKey) -> String {
        switch key {
        case .es256(let key): key.publicKey.pemRepresentation
        case .rs256(let key): key.publicKey.pemRepresentation
        }
    }

    /// A token signed with HMAC-SHA256, the secret being the public key's PEM (the classic
    /// algorithm-confusion forgery).
    func hmacForgery(_ claims: JSONObject) -> String {
        let (kid, key) = keys[0]
        let header: JSONValue = ["alg": "HS256", "kid": .string(kid), "typ": "JWT"]
        let input = Self.base64URL(Array(header.jsonText.utf8)) + "." + Self.base64URL(Array(JSONValue.object(claims).jsonText.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(input.utf8), using: SymmetricKey(data: Array(Self.publicPEM(key).utf8)))
        return input + "." + Self.base64URL(Array(mac))
    }

    /// An unsigned token (`alg: none`), with an empty signature or `signature` in its place.
    func unsigned(_ claims: JSONObject, signature: String = "") -> String {
        let header: JSONValue = ["alg": "none", "typ": "JWT"]
        return Self.base64URL(Array(header.jsonText.utf8)) + "." + Self.base64URL(Array(JSONValue.object(claims).jsonText.utf8)) + "." + signature
    }

    /// `token` with its claims replaced by `claims` and its signature kept (a tampered payload).
    static func tampered(_ token: String, claims: JSONObject) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        return "\(parts[0]).\(base64URL(Array(JSONValue.object(claims).jsonText.utf8))).\(parts[2])"
    }

    static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }
}
