#if DockerContainer && KubernetesHelm
import Foundation
import HTTPTypes
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// Per-service `allow` lists and answers per caller, over a real socket: one open service and
/// two for group `astro` (one also for the subject `carol`).
@Suite("Answers per caller end to end")
struct AuthPolicyEndToEndTests {
    static var issuer: TestIssuer { AuthEndToEndTests.issuer }

    /// The services offered to a caller (`nil`: anonymous) for the docker ask.
    static func offeredServices(_ client: any TestClientProtocol, token: String?) async throws -> [String] {
        let response = try await client.send("/plan", method: .post, token: token, body: AuthDaemon.dockerAsk)
        #expect(response.status == .ok, "\(response.status.code) \(response.text.prefix(300))")
        let answer = try #require(response.json)
        return (answer.at("/offers")?.arrayValue ?? []).compactMap { $0.string("/service") }.sorted()
    }

    @Test("a caller in astro gets offers from both docker services, anyone else from the open one only")
    func offersPerCaller() async throws {
        let ann = try Self.issuer.token(subject: "ann", groups: ["astro"])
        let bob = try Self.issuer.token(subject: "bob", groups: ["optics"])
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let astro = try await Self.offeredServices(client, token: ann)
            let anonymous = try await Self.offeredServices(client, token: nil)
            let other = try await Self.offeredServices(client, token: bob)
            #expect(astro == ["astro-docker", "open-docker"])
            #expect(anonymous == ["open-docker"])
            #expect(other == ["open-docker"])
        }
    }

    @Test("a caller admitted by no service that runs the task type gets NO not-permitted (policy), naming no service")
    func notPermitted() async throws {
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            for (who, token) in [("anonymous", nil), ("bob", try Self.issuer.token(subject: "bob", groups: ["optics"]))] as [(String, String?)] {
                let response = try await client.send("/plan", method: .post, token: token, body: AuthDaemon.helmAsk)
                let answer = try #require(response.json, "\(who)")
                #expect(answer.string("/responseword") == "NO", "\(who): \(answer.jsonText)")
                let reasons = answer.at("/reasons")?.arrayValue ?? []
                #expect(reasons.count == 1, "\(who): \(answer.jsonText)")
                #expect(reasons.first?.string("/code") == "not-permitted")
                #expect(reasons.first?.string("/class") == "policy")
                #expect(reasons.first?.string("/service") == nil)
                #expect(!response.text.contains("astro-kws"), "\(who): the answer does not name services the caller may not use")
            }
            for (who, token) in [("carol by subject", try Self.issuer.token(subject: "carol")), ("ann by group", try Self.issuer.token(subject: "ann", groups: ["astro"]))] {
                let answer = try #require(try await client.send("/plan", method: .post, token: token, body: AuthDaemon.helmAsk).json)
                #expect(answer.string("/responseword") == "YES", "\(who): \(answer.jsonText)")
                #expect(answer.string("/offers/0/service") == "astro-kws")
            }
        }
    }

    @Test("a caller admitted by some services sees reasons from those only")
    func reasonsFromPermittedServicesOnly() async throws {
        let big = #"{"tasktype": "uri://docker-container", "taskinfo": {"image": "ubuntu:22.04"}, "resources": {"mincores": 100}}"#
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let anonymous = try #require(try await client.send("/plan", method: .post, body: big).json)
            #expect(anonymous.string("/responseword") == "NO")
            #expect((anonymous.at("/reasons")?.arrayValue ?? []).compactMap { $0.string("/service") } == ["open-docker"])
            let astro = try #require(try await client.send("/plan", method: .post, token: try Self.issuer.token(subject: "ann", groups: ["astro"]), body: big).json)
            #expect(Set((astro.at("/reasons")?.arrayValue ?? []).compactMap { $0.string("/service") }) == ["open-docker", "astro-docker"])
        }
    }

    @Test("GET /tasktypes lists, for each caller, the services it may use and their limits")
    func taskTypesPerCaller() async throws {
        @Sendable func services(_ listing: JSONValue?, _ tasktype: String) -> [String] {
            let entry = listing?.at("/tasktypes")?.arrayValue?.first { $0.string("/tasktype") == tasktype }
            return (entry?.at("/services")?.arrayValue ?? []).compactMap { $0.string("/name") }
        }
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let anonymous = try await client.send("/tasktypes").json
            #expect(services(anonymous, "uri://docker-container") == ["open-docker"])
            #expect(services(anonymous, "uri://kubernetes-helm") == [])
            let astro = try await client.send("/tasktypes", token: try Self.issuer.token(subject: "ann", groups: ["astro"])).json
            #expect(services(astro, "uri://docker-container") == ["open-docker", "astro-docker"])
            #expect(services(astro, "uri://kubernetes-helm") == ["astro-kws"])
            let limits = astro?.at("/tasktypes")?.arrayValue?.first { $0.string("/tasktype") == "uri://docker-container" }?.at("/services/1/limits")
            #expect(limits?.integer("/maxcores") == 64)
        }
    }

    @Test("held offers and bookings belong to the subject that asked: others, and anonymous callers, get 404")
    func holdsBoundToSubject() async throws {
        let held = String(AuthDaemon.dockerAsk.dropLast()) + #", "hold": "5m"}"#
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer]) { client in
            let alice = try Self.issuer.token(subject: "alice")
            let bob = try Self.issuer.token(subject: "bob")
            let answer = try #require(try await client.send("/plan", method: .post, token: alice, body: held).json)
            let id = try #require(answer.string("/offers/0/id"), "\(answer.jsonText)")
            for (who, token) in [("bob", bob), ("anonymous", nil)] as [(String, String?)] {
                expectProblem(try await client.send("/offers/\(id)", token: token), .notFound, "\(who) reads alice's offer")
                expectProblem(try await client.send("/offers/\(id)/accept", method: .post, token: token), .notFound, "\(who) accepts alice's offer")
            }
            #expect(try await client.send("/offers/\(id)", token: alice).json?.string("/state") == "OFFERED")
            let booking = try #require(try await client.send("/offers/\(id)/accept", method: .post, token: alice).json?.string("/id"))
            expectProblem(try await client.send("/bookings/\(booking)", method: .delete, token: bob), .notFound, "bob cancels alice's booking")
            #expect(try await client.send("/bookings/\(booking)", method: .delete, token: alice).json?.string("/state") == "CANCELLED")
        }
    }

    @Test("the same subject from another issuer is another owner")
    func ownerIncludesIssuer() async throws {
        let other = try TestIssuer.make(issuer: "https://other-iam.example.org/")
        let held = String(AuthDaemon.dockerAsk.dropLast()) + #", "hold": "5m"}"#
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer, other]) { client in
            let answer = try #require(try await client.send("/plan", method: .post, token: try Self.issuer.token(subject: "alice"), body: held).json)
            let id = try #require(answer.string("/offers/0/id"))
            expectProblem(try await client.send("/offers/\(id)", token: try other.token(subject: "alice")), .notFound, "alice of another issuer")
            #expect(try await client.send("/offers/\(id)", token: try Self.issuer.token(subject: "alice")).status == .ok)
        }
    }

    @Test("with allow.issuers, the same group from another trusted issuer is not admitted")
    func groupsPinnedToAnIssuer() async throws {
        let other = try TestIssuer.make(issuer: "https://other-iam.example.org/")
        let services = """
              - name: open-docker
                tasktypes: [ "uri://docker-container" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/uws
              - name: astro-docker
                tasktypes: [ "uri://docker-container" ]
                servicetype: uri://docker-uws
                endpoint: http://example.org/astro-uws
                allow: { groups: [ astro ], issuers: [ "\(Self.issuer.issuer)" ] }
            """
        let home = try Self.issuer.token(subject: "ann", groups: ["astro"])
        let foreign = try other.token(subject: "ann", groups: ["astro"])
        try await AuthDaemon.run(anonymous: true, issuers: [Self.issuer, other], services: services) { client in
            let fromHome = try await Self.offeredServices(client, token: home)
            let fromOther = try await Self.offeredServices(client, token: foreign)
            #expect(fromHome == ["astro-docker", "open-docker"])
            #expect(fromOther == ["open-docker"])
        }
    }
}
#endif
