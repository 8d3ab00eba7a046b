#if DockerContainer && KubernetesHelm
import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// Bearer tokens over a real socket (API.md §8, formats.md §6.6–6.7): tokens signed in the test
/// with ES256 and RS256 keys it generated, and every way a token can be wrong.
@Suite("Identity end to end")
struct AuthEndToEndTests {
    static let issuer: TestIssuer = {
        do { return try TestIssuer.make() } catch { fatalError("cannot generate test keys: \(error)") }
    }()

    /// A token case: what to send, and the expected `error` attribute (`nil`: accepted) with
    /// words of the reason that `error_description` and the problem's message must hold.
    struct TokenCase: Sendable, CustomTestStringConvertible {
        var name: String
        var token: @Sendable (TestIssuer) throws -> String
        var error: String?
        var reason: String = ""
        var testDescription: String { name }
    }

    static let cases: [TokenCase] = [
        TokenCase(name: "valid ES256", token: { try $0.token($0.claims(), kid: "ec-1") }, error: nil),
        TokenCase(name: "valid RS256", token: { try $0.token($0.claims(), kid: "rsa-1") }, error: nil),
        TokenCase(name: "expired 30 s ago (within the leeway)", token: { issuer in
            var claims = issuer.claims()
            claims["exp"] = .integer(Int64(Date().timeIntervalSince1970) - 30)
            return try issuer.token(claims)
        }, error: nil),
        TokenCase(name: "expired", token: { issuer in
            var claims = issuer.claims()
            claims["exp"] = .integer(Int64(Date().timeIntervalSince1970) - 600)
            return try issuer.token(claims)
        }, error: "invalid_token", reason: "has expired"),
        TokenCase(name: "no exp", token: { issuer in
            var claims = issuer.claims()
            claims["exp"] = nil
            return try issuer.token(claims)
        }, error: "invalid_token", reason: "no numeric exp"),
        TokenCase(name: "not yet valid", token: { issuer in
            var claims = issuer.claims()
            claims["nbf"] = .integer(Int64(Date().timeIntervalSince1970) + 600)
            return try issuer.token(claims)
        }, error: "invalid_token", reason: "not valid yet"),
        TokenCase(name: "wrong issuer", token: { issuer in
            var claims = issuer.claims()
            claims["iss"] = "https://evil.example.org/"
            return try issuer.token(claims)
        }, error: "invalid_token", reason: "issuer (iss) is not trusted"),
        TokenCase(name: "wrong audience", token: { issuer in
            var claims = issuer.claims()
            claims["aud"] = ["other-service"]
            return try issuer.token(claims)
        }, error: "invalid_token", reason: "not meant for this service"),
        TokenCase(name: "unknown kid", token: { issuer in
            try issuer.token(issuer.claims(), header: ["kid": "no-such-key"])
        }, error: "invalid_token", reason: "no key with the token's kid"),
        TokenCase(name: "signed by a key the issuer does not publish", token: { issuer in
            let stranger = TestIssuer(issuer: issuer.issuer, audience: issuer.audience, keys: [("ec-1", TestIssuer.newES256())])
            return try stranger.token(stranger.claims())
        }, error: "invalid_token", reason: "signature does not verify"),
        TokenCase(name: "tampered payload", token: { issuer in
            TestIssuer.tampered(try issuer.token(issuer.claims(subject: "alice")), claims: issuer.claims(subject: "root", groups: ["astro"]))
        }, error: "invalid_token", reason: "signature does not verify"),
        TokenCase(name: "alg none, no signature", token: { $0.unsigned($0.claims()) }, error: "invalid_token", reason: "no signature"),
        TokenCase(name: "alg none, with a signature", token: { $0.unsigned($0.claims(), signature: "c2lnbmF0dXJl") }, error: "invalid_token", reason: "unsigned tokens"),
        TokenCase(name: "HS256 signed with the public key", token: { $0.hmacForgery($0.claims()) }, error: "invalid_token", reason: "HMAC-signed"),
        TokenCase(name: "ES256 header on the RSA key", token: { try $0.token($0.claims(), kid: "rsa-1", header: ["alg": "ES256"]) }, error: "invalid_token", reason: "does not verify ES256"),
        TokenCase(name: "malformed header part", token: { _ in "eyJub3QganNvbg.eyJzdWIiOiJhIn0.c2ln" }, error: "invalid_token", reason: "header is not a JSON object"),
        TokenCase(name: "not a JWT", token: { _ in "abcdef" }, error: "invalid_token", reason: "three dot-separated parts"),
        TokenCase(name: "critical extension", token: { try $0.token($0.claims(), header: ["crit": ["exp"]]) }, error: "invalid_token", reason: "critical extensions"),
    ]

    @Test("each token gets the documented status and challenge on a closed daemon", arguments: cases)
    func tokens(_ tokenCase: TokenCase) async throws {
        let token = try tokenCase.token(Self.issuer)
        try await AuthDaemon.run(anonymous: false, issuers: [Self.issuer]) { client in
            for uri in ["/tasktypes", "/plan"] {
                let response = try await client.send(uri, method: uri == "/plan" ? .post : .get, token: token, body: uri == "/plan" ? AuthDaemon.dockerAsk : nil)
                if let error = tokenCase.error {
                    expectUnauthorized(response, error: error, code: "invalid-token", "\(tokenCase.name) \(uri)")
                    let challenge = response.headers[.wwwAuthenticate] ?? ""
                    #expect(challenge.contains("error_description=\"") && challenge.contains(tokenCase.reason), "\(tokenCase.name): \(challenge)")
                    #expect(response.json?.string("/errors/0/message")?.contains(tokenCase.reason) == true, "\(tokenCase.name): \(response.text)")
                    let answer = response.text + response.headers.map { $0.value }.joined(separator: "\n")
                    for part in token.split(separator: ".") where part.count >= 8 {
                        #expect(!answer.contains(part), "\(tokenCase.name): the answer repeats part of the token")
                    }
                } else {
                    #expect(response.status == .ok, "\(tokenCase.name) \(uri): \(response.status.code) \(response.text.prefix(300))")
                    #expect(response.headers[.voAuthenticated] == "alice")
                }
            }
        }
    }

    @Test("malformed Authorization headers are 401 invalid_request, never anonymous", arguments: [
        ["Bearer"], ["Bearer "], ["Bearer abc def"], ["Bearer a=bc"], ["Bearer abc", "Bearer abc"], [""],
    ])
    func malformedHeaders(_ values: [String]) async throws {
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let response = try await client.send("/tasktypes", authorization: values)
            expectUnauthorized(response, error: "invalid_request", code: "invalid-request", "\(values)")
        }
    }

    @Test("another scheme (Basic) is 401 with the bare Bearer challenge, on an anonymous daemon too (formats.md §6.7 #11)")
    func otherScheme() async throws {
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let response = try await client.send("/tasktypes", authorization: ["Basic dXNlcjpwYXNz"])
            expectUnauthorized(response, error: nil, code: "unsupported-credentials", "Basic")
        }
    }

    @Test("the scheme is case-insensitive and several spaces may follow it")
    func schemeSpelling() async throws {
        let token = try Self.issuer.token()
        try await AuthDaemon.run(anonymous: false, issuers: [Self.issuer]) { client in
            for value in ["bearer \(token)", "BEARER   \(token)"] {
                let response = try await client.send("/tasktypes", authorization: [value])
                #expect(response.status == .ok, "\(value.prefix(12)): \(response.status.code)")
                #expect(response.headers[.voAuthenticated] == "alice")
            }
        }
    }

    @Test("a closed daemon answers 401 without an error attribute when no token is sent; /health and /metrics stay open")
    func closedDaemon() async throws {
        try await AuthDaemon.run(anonymous: false, issuers: [Self.issuer]) { client in
            expectUnauthorized(try await client.send("/tasktypes"), error: nil, code: "authentication-required", "GET /tasktypes")
            expectUnauthorized(try await client.send("/plan", method: .post, body: AuthDaemon.dockerAsk), error: nil, code: "authentication-required", "POST /plan")
            expectUnauthorized(try await client.send("/offers/0123456789abcdef0123456789abcdef"), error: nil, code: "authentication-required", "GET /offers")
            #expect(try await client.send("/health").status == .ok)
            #expect(try await client.send("/metrics").status == .ok)
            #expect(try await client.send("/health", token: "garbage").status == .ok, "/health ignores credentials")
        }
    }

    @Test("an anonymous daemon serves callers without a token, but refuses a bad token rather than treating it as anonymous")
    func anonymousDaemon() async throws {
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let anonymous = try await client.send("/plan", method: .post, body: AuthDaemon.dockerAsk)
            #expect(anonymous.status == .ok)
            #expect(anonymous.headers[.voAuthenticated] == nil, "anonymous answers never carry X-VO-Authenticated")
            let valid = try await client.send("/plan", method: .post, token: try Self.issuer.token(), body: AuthDaemon.dockerAsk)
            #expect(valid.status == .ok)
            #expect(valid.headers[.voAuthenticated] == "alice")
            var expired = Self.issuer.claims()
            expired["exp"] = .integer(Int64(Date().timeIntervalSince1970) - 3600)
            expectUnauthorized(try await client.send("/plan", method: .post, token: try Self.issuer.token(expired), body: AuthDaemon.dockerAsk),
                error: "invalid_token", code: "invalid-token", "expired token on an anonymous daemon")
        }
    }

    @Test("a daemon that trusts no issuer refuses every token")
    func noIssuers() async throws {
        let open = """
              - name: open-docker
                tasktypes: [ "uri://docker-container" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/uws
            """
        try await AuthDaemon.run(anonymous: true, issuers: [], services: open) { client in
            #expect(try await client.send("/tasktypes").status == .ok)
            expectUnauthorized(try await client.send("/tasktypes", token: try Self.issuer.token()), error: "invalid_token", code: "invalid-token", "token without issuers")
        }
    }

    @Test("authenticated error answers carry X-VO-Authenticated too")
    func authenticatedErrors() async throws {
        try await AuthDaemon.run(anonymous: false, issuers: [Self.issuer]) { client in
            let invalid = try await client.send("/plan", method: .post, token: try Self.issuer.token(), body: #"{"tasktype": 3}"#)
            expectProblem(invalid, .unprocessableContent)
            #expect(invalid.headers[.voAuthenticated] == "alice")
            let missing = try await client.send("/nowhere", token: try Self.issuer.token())
            expectProblem(missing, .notFound)
            #expect(missing.headers[.voAuthenticated] == "alice")
        }
    }
}
#endif
