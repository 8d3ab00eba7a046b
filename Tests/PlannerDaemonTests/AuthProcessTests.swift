#if DockerContainer && KubernetesHelm
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import PlannerKernel
import Testing

/// The `plannerd serve` process with issuers: key rotation on SIGHUP, and logs that name a
/// refused token's reason but never its text.
@Suite("Identity in the plannerd process")
struct AuthProcessTests {
    /// `GET /tasktypes` with `token` against the daemon on `port`.
    static func status(port: Int, token: String) async throws -> (HTTPResponse.Status, String?) {
        try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.execute(TestClient.Request(
                "/tasktypes", method: .get, authority: "127.0.0.1", headers: [.authorization: "Bearer \(token)"]))
            return (response.status, response.headers[.init("X-VO-Authenticated")!])
        }
    }

    @Test("SIGHUP re-reads the JWKS file: a rotated-in key is accepted, a broken file keeps the old keys; the log never holds a token")
    func rotationOnHangup() async throws {
        let directory = try TemporaryDirectory()
        let old = try TestIssuer.make()
        let rotated = TestIssuer(issuer: old.issuer, audience: old.audience, keys: [("ec-2", TestIssuer.newES256())])
        let yaml = try AuthDaemon.configuration(anonymous: false, issuers: [old], in: directory)
        try directory.write("plannerd.yaml", yaml)
        let daemon = try await ServingDaemon(["--config", "plannerd.yaml"], in: directory)
        let newToken = try rotated.token(rotated.claims(subject: "dora"))
        let oldToken = try old.token(old.claims(subject: "alice"))
        #expect(try await Self.status(port: daemon.port, token: oldToken).0 == .ok)
        #expect(try await Self.status(port: daemon.port, token: newToken).0 == .unauthorized, "the new key is not published yet")

        // Publish both keys, as an identity provider does during a rotation, and signal.
        let both = TestIssuer(issuer: old.issuer, audience: old.audience, keys: old.keys + rotated.keys)
        try directory.write("jwks-0.json", both.jwks)
        var accepted = false
        for _ in 0..<100 where !accepted {
            kill(daemon.process.processIdentifier, SIGHUP)
            try await Task.sleep(for: .milliseconds(100))
            #expect(daemon.process.isRunning, "SIGHUP must not end the daemon:\n\(daemon.stderr.suffix(2000))")
            accepted = try await Self.status(port: daemon.port, token: newToken) == (.ok, "dora")
        }
        #expect(accepted, "the rotated-in key was not accepted after SIGHUP:\n\(daemon.stderr.suffix(2000))")
        #expect(try await Self.status(port: daemon.port, token: oldToken).0 == .ok)

        // A broken file: the daemon says so and keeps the keys it has.
        try directory.write("jwks-0.json", "{ not json")
        kill(daemon.process.processIdentifier, SIGHUP)
        var logged = false
        for _ in 0..<100 where !logged {
            try await Task.sleep(for: .milliseconds(50))
            logged = daemon.stderr.contains("issuer keys not reloaded")
        }
        #expect(logged, "a JWKS file that does not read is logged:\n\(daemon.stderr.suffix(2000))")
        #expect(try await Self.status(port: daemon.port, token: newToken).0 == .ok, "the previous keys stay in use")

        var expired = old.claims(subject: "alice")
        expired["exp"] = .integer(Int64(Date().timeIntervalSince1970) - 3600)
        let expiredToken = try old.token(expired)
        #expect(try await Self.status(port: daemon.port, token: expiredToken).0 == .unauthorized)
        let stopped = try await daemon.stop()
        #expect(stopped?.status == 0)
        let log = daemon.stderr
        #expect(log.contains("token refused") && log.contains("reason=expired"), "a refused token is logged with its reason:\n\(log.suffix(2000))")
        for token in [oldToken, newToken, expiredToken] {
            let signature = String(token.split(separator: ".").last ?? "")
            #expect(!log.contains(token) && !log.contains(signature), "the log holds a token")
        }
    }

    @Test("check --subject --group answers as that caller: allow lists can be tried offline")
    func checkAsCaller() async throws {
        let directory = try TemporaryDirectory()
        try directory.write("plannerd.yaml", try AuthDaemon.configuration(anonymous: true, issuers: [try TestIssuer.make()], in: directory))
        let ask = try directory.write("helm.json", AuthDaemon.helmAsk)
        let anonymous = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml"], in: directory)
        #expect(anonymous.status == 1, "\(anonymous.stdout)\(anonymous.stderr)")
        #expect(anonymous.json?.string("/reasons/0/code") == "not-permitted")
        let member = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml", "--subject", "ann", "--group", "astro"], in: directory)
        #expect(member.status == 0, "\(member.stdout)\(member.stderr)")
        #expect(member.json?.string("/offers/0/service") == "astro-kws")
        let named = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml", "--subject", "carol"], in: directory)
        #expect(named.status == 0)
        let groupAlone = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml", "--group", "astro"], in: directory)
        #expect(groupAlone.status != 0 && groupAlone.stderr.contains("--group needs --subject"), "\(groupAlone.stderr)")
        let issuerAlone = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml", "--issuer", "https://x.example"], in: directory)
        #expect(issuerAlone.status != 0 && issuerAlone.stderr.contains("--issuer needs --subject"), "\(issuerAlone.stderr)")
    }

    @Test("check --issuer answers as a caller vouched for by that issuer: allow.issuers can be tried offline")
    func checkAsCallerOfIssuer() async throws {
        let directory = try TemporaryDirectory()
        let issuer = try TestIssuer.make()
        let pinned = """
              - name: pinned-kws
                tasktypes: [ "uri://kubernetes-helm" ]
                servicetype: uri://kubernetes-helm
                endpoint: http://example.org/kws
                allow: { groups: [ astro ], issuers: [ "\(issuer.issuer)" ] }
            """
        try directory.write("plannerd.yaml", try AuthDaemon.configuration(anonymous: true, issuers: [issuer], in: directory, services: pinned))
        let ask = try directory.write("helm.json", AuthDaemon.helmAsk)
        let unvouched = try await Plannerd.run(["check", ask, "--config", "plannerd.yaml", "--subject", "ann", "--group", "astro"], in: directory)
        #expect(unvouched.status == 1, "\(unvouched.stdout)\(unvouched.stderr)")
        #expect(unvouched.json?.string("/reasons/0/code") == "not-permitted")
        let vouched = try await Plannerd.run(
            ["check", ask, "--config", "plannerd.yaml", "--subject", "ann", "--group", "astro", "--issuer", issuer.issuer], in: directory)
        #expect(vouched.status == 0, "\(vouched.stdout)\(vouched.stderr)")
        #expect(vouched.json?.string("/offers/0/service") == "pinned-kws")
    }
}
#endif
