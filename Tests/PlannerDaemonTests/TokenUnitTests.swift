import Foundation
@testable import PlannerDaemon
import PlannerKernel
import Testing

/// The pieces of token verification on their own: the `Authorization` header grammar
/// (formats.md §6.7), JWKS files, and the claims checks.
@Suite("Bearer credentials, key sets and claims")
struct TokenUnitTests {
    @Test("Authorization header vectors (formats.md §6.7 #1–#7, #9, #11)")
    func headerGrammar() {
        #expect(BearerCredentials.read([]) == .none)
        #expect(BearerCredentials.read(["Bearer eyJhbGciOi.eyJ.sig"]) == .bearer("eyJhbGciOi.eyJ.sig"))
        #expect(BearerCredentials.read(["bearer abc"]) == .bearer("abc"))
        #expect(BearerCredentials.read(["Bearer  abc"]) == .bearer("abc"))
        #expect(BearerCredentials.read(["Bearer abc=="]) == .bearer("abc=="))
        #expect(BearerCredentials.read(["Bearer a-b.c_d~e+f/g"]) == .bearer("a-b.c_d~e+f/g"))
        #expect(BearerCredentials.read(["Basic dXNlcjpwYXNz"]) == .otherScheme)
        for refused in [["Bearer"], ["Bearer abc def"], ["Bearer a=bc"], ["Bearer ="], ["Bearer a", "Bearer a"], [""], ["Bearer ab\u{e9}"]] {
            guard case .malformed = BearerCredentials.read(refused) else {
                Issue.record("\(refused) should be malformed")
                continue
            }
        }
    }

    static func jwks(_ keys: [JSONValue]) -> [UInt8] {
        Array(JSONValue.object(JSONObject([.init(key: "keys", value: .array(keys))])).jsonText.utf8)
    }

    static let ec = TestIssuer.publicJWK(TestIssuer.newES256(), kid: "ec")

    static func with(_ key: JSONValue, _ changes: JSONObject) -> JSONValue {
        var object = key.objectValue ?? JSONObject()
        for member in changes.members {
            if case .null = member.value { object[member.key] = nil } else { object[member.key] = member.value }
        }
        return .object(object)
    }

    @Test("a JWKS file: encryption keys are skipped, signing keys kept with their algorithms")
    func readsSigningKeys() throws {
        let issuer = try TestIssuer.make()
        let encryption: JSONValue = Self.with(TestIssuer.publicJWK(issuer.keys[1].key, kid: "enc"), ["use": "enc", "alg": "RSA-OAEP"])
        let keys = try IssuerKeys.parse(Self.jwks([TestIssuer.publicJWK(issuer.keys[0].key, kid: "ec-1"), TestIssuer.publicJWK(issuer.keys[1].key, kid: "rsa-1"), encryption]))
        #expect(keys.keyIDs == ["ec-1", "rsa-1"])
        #expect(keys.skipped.count == 1 && keys.skipped[0].contains("enc"))
        #expect(keys.key(for: "ec-1")?.algorithms == [.es256])
        #expect(keys.key(for: "rsa-1")?.algorithms == [.rs256])
        #expect(keys.key(for: nil) == nil, "with several keys a token must name one")
        let noAlg = try IssuerKeys.parse(Self.jwks([Self.with(TestIssuer.publicJWK(issuer.keys[1].key, kid: "r"), ["alg": .null])]))
        #expect(noAlg.key(for: "r")?.algorithms == [.rs256], "one algorithm per key: an RSA key without alg verifies RS256")
        #expect(noAlg.key(for: nil) == nil, "a key with a kid is chosen by it")
        let anonymousKey = try IssuerKeys.parse(Self.jwks([Self.with(TestIssuer.publicJWK(issuer.keys[0].key, kid: "e"), ["kid": .null])]))
        #expect(anonymousKey.key(for: nil) != nil, "the only key, without kid, serves tokens without kid")
        #expect(anonymousKey.key(for: "e") == nil)
        let foreign = try IssuerKeys.parse(Self.jwks([
            TestIssuer.publicJWK(issuer.keys[0].key, kid: "ec-1"),
            ["kty": "OKP", "crv": "Ed448", "x": "AAAA", "kid": "ed448"], ["kty": "EC", "crv": "secp256k1", "x": "AAAA", "y": "AAAA", "kid": "k1"],
            ["kty": "AKP", "alg": "ML-DSA-65", "pub": "AAAA", "kid": "pq"], ["kty": "RSA", "n": "AQAB", "e": "AQAB", "kid": "small"],
        ]))
        #expect(foreign.keyIDs == ["ec-1"], "keys plannerd cannot use are skipped, so a provider's whole JWKS loads")
        #expect(foreign.skipped.count == 4, "\(foreign.skipped)")
    }

    @Test("unusable JWKS files are refused, naming the key", arguments: [
        ("not json", "not valid JSON"),
        (#"{"keys": 3}"#, "\"keys\" array"),
        (#"{"keys": []}"#, "no key"),
        (#"{"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]}"#, "private or secret"),
        (#"{"keys": [{"kty": "oct", "kid": "h"}]}"#, "symmetric"),
        (#"{"keys": [{"kid": "x"}]}"#, "kty"),
        (#"{"keys": [{"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA", "kid": "bad"}]}"#, "not a point"),
        (#"{"keys": [{"kty": "EC", "crv": "secp256k1", "x": "AAAA", "y": "AAAA"}]}"#, "no key that verifies"),
        (#"{"keys": [{"kty": "RSA", "n": "AQAB", "e": "AQAB"}]}"#, "no key that verifies"),
        (#"{"keys": [{"kty": "EC", "crv": "P-256", "x": "AAAA", "kid": "no-y"}]}"#, "y is missing"),
        (#"{"keys": [{"kty": "RSA", "e": "AQAB", "alg": "HS256"}]}"#, "HMAC"),
    ])
    func refusedKeySets(_ text: String, _ expected: String) {
        do {
            _ = try IssuerKeys.parse(Array(text.utf8))
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test("a private key, two keys with one kid, and several keys without kid are refused")
    func refusedKeyCombinations() throws {
        let issuer = try TestIssuer.make()
        let ec = TestIssuer.publicJWK(issuer.keys[0].key, kid: "k")
        let rsa = TestIssuer.publicJWK(issuer.keys[1].key, kid: "k")
        for (keys, expected) in [
            ([Self.with(ec, ["d": "AAAA"])], "private"),
            ([ec, rsa], "used by an earlier key"),
            ([Self.with(ec, ["kid": .null]), Self.with(rsa, ["kid": .null])], "each needs a kid"),
            ([Self.with(ec, ["alg": "ES384"])], "does not match the curve"),
        ] as [([JSONValue], String)] {
            do {
                _ = try IssuerKeys.parse(Self.jwks(keys))
                Issue.record("accepted: \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
    }

    static let settings: IssuerSettings = {
        do {
            return IssuerSettings(issuer: "https://iam.example.org/", audience: "plannerd", jwks: "unused", groupsClaim: "realm_access.roles",
                keys: try IssuerKeys.parse(jwks([ec])))
        } catch { fatalError("\(error)") }
    }()

    func caller(_ claims: JSONObject, now: Int64 = 1_800_000_000) throws(TokenRejection) -> Caller {
        try TokenVerifier.caller(from: claims, issuer: Self.settings, now: now)
    }

    static let base: JSONObject = ["iss": "https://iam.example.org/", "sub": "alice", "aud": ["other", "plannerd"], "exp": 1_800_000_100]

    @Test("claims: aud as an array, exp as a real number, groups under a dotted path")
    func acceptedClaims() throws {
        var claims = Self.base
        claims["exp"] = .real(1_800_000_100.5)
        claims["realm_access"] = ["roles": ["astro", "optics", 7]]
        let caller = try caller(claims)
        #expect(caller.subject == "alice" && caller.issuer == "https://iam.example.org/")
        #expect(caller.groups == ["astro", "optics"])
        claims["realm_access.roles"] = "flat"
        #expect(try self.caller(claims).groups == ["flat"], "a claim with the whole name wins over the path")
        #expect(try self.caller(Self.base, now: 1_800_000_100 + 59).subject == "alice", "exp within the leeway")
        var early = Self.base
        early["nbf"] = 1_800_000_059
        #expect(try self.caller(early).subject == "alice", "nbf within the leeway")
        var far = Self.base
        far["exp"] = .integer(Int64.max)
        #expect(try self.caller(far, now: Int64.max - 10).subject == "alice", "an exp at the end of time neither overflows nor crashes")
    }

    /// A claims change and the reason it is refused for.
    struct RefusedClaim: Sendable, CustomTestStringConvertible {
        var name: String
        var changes: JSONObject
        var code: TokenRejection.Code
        init(_ name: String, _ changes: JSONObject, _ code: TokenRejection.Code) {
            self.name = name
            self.changes = changes
            self.code = code
        }
        var testDescription: String { name }
    }

    static let refused: [RefusedClaim] = [
        RefusedClaim("exp passed beyond the leeway", ["exp": 1_799_999_000], .expired),
        RefusedClaim("exp missing", ["exp": .null], .badClaim),
        RefusedClaim("exp a string", ["exp": "tomorrow"], .badClaim),
        RefusedClaim("nbf ahead beyond the leeway", ["nbf": 1_800_000_500], .notYetValid),
        RefusedClaim("aud missing", ["aud": .null], .wrongAudience),
        RefusedClaim("aud another service", ["aud": "other"], .wrongAudience),
        RefusedClaim("sub missing", ["sub": .null], .badClaim),
        RefusedClaim("sub empty", ["sub": ""], .badClaim),
        RefusedClaim("sub with a line break", ["sub": "alice\r\nX-Injected: 1"], .badClaim),
        RefusedClaim("sub too long", ["sub": .string(String(repeating: "a", count: 256))], .badClaim),
        ]

    @Test("claims that are refused, with their reason codes", arguments: refused)
    func refusedClaims(_ refusal: RefusedClaim) {
        let (name, code) = (refusal.name, refusal.code)
        var claims = Self.base
        for member in refusal.changes.members {
            if case .null = member.value { claims[member.key] = nil } else { claims[member.key] = member.value }
        }
        do {
            _ = try caller(claims)
            Issue.record("\(name): accepted")
        } catch {
            #expect(error.code == code, "\(name): \(error)")
        }
    }

    @Test("malformed tokens, unknown keys and bad signatures are refused with their own codes")
    func malformedTokens() async throws {
        let verifier = TokenVerifier(issuers: [Self.settings])
        let header = TestIssuer.base64URL(Array(#"{"alg":"ES256","kid":"ec"}"#.utf8))
        let duplicated = TestIssuer.base64URL(Array(#"{"alg":"ES256","alg":"none"}"#.utf8))
        let claims = TestIssuer.base64URL(Array(Self.base.jsonTextForTest.utf8))
        let twoSubjects = TestIssuer.base64URL(Array(#"{"iss":"https://iam.example.org/","sub":"alice","sub":"root","aud":"plannerd","exp":1800000100}"#.utf8))
        for (token, code) in [
            ("a.b", TokenRejection.Code.malformed), ("a.b.c.d.e", .malformed), ("\(header).\(claims).", .malformed),
            ("\(duplicated).\(claims).c2ln", .malformed), ("\(header).\(twoSubjects).c2ln", .malformed), ("\(header).!!!.c2ln", .malformed),
            (String(repeating: "a", count: 20_000), .malformed),
            ("\(TestIssuer.base64URL(Array(#"{"alg":"ES256","kid":"nope"}"#.utf8))).\(claims).c2ln", .unknownKey),
            ("\(TestIssuer.base64URL(Array(#"{"alg":"RS256","kid":"ec"}"#.utf8))).\(claims).c2ln", .unknownKey),
            ("\(header).\(claims).c2ln", .badSignature),
        ] {
            do {
                _ = try await verifier.verify(token, now: Date(timeIntervalSince1970: 1_800_000_000))
                Issue.record("\(token.prefix(40)) accepted")
            } catch {
                #expect(error.code == code, "\(token.prefix(60)): \(error)")
                #expect(!error.message.contains(token), "a rejection never quotes the token")
            }
        }
    }
}

extension JSONObject {
    /// The object as JSON text.
    var jsonTextForTest: String { JSONValue.object(self).jsonText }
}
