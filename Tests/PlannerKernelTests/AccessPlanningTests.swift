import Foundation
import PlannerKernel
import Testing

/// Planning per caller: only the services whose access admits the caller are planned on.
@Suite("Planning per caller (allow lists)")
struct AccessPlanningTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// `open` admits everyone; `survey` admits group `astro` and the subject `carol`.
    func planner() -> OfferPlanner {
        let open = PlanningService(name: "open", servicetype: "uri://docker-uws", endpoint: "http://example.org/open",
            taskTypes: [Fixtures.bind("uri://image")], limits: ServiceLimits(maxcores: 4))
        let survey = PlanningService(name: "survey", servicetype: "uri://docker-uws", endpoint: "http://example.org/survey",
            taskTypes: [Fixtures.bind("uri://image"), Fixtures.bind("uri://note")], limits: ServiceLimits(maxcores: 64),
            access: .only(subjects: ["carol"], groups: ["astro"]))
        return OfferPlanner(registry: Fixtures.registry, services: [open, survey])
    }

    func answer(_ json: String, as caller: Caller) throws -> Answer {
        guard case .success(let valid) = planner().validate(try StrictJSONParser().parse(json)) else {
            Issue.record("invalid ask \(json)")
            throw CancellationError()
        }
        return planner().plan(valid, now: now, caller: caller)
    }

    static let image = #"{"tasktype": "uri://image", "taskinfo": {"image": "docker.io/example:1.0"}, "resources": {"mincores": 2}}"#
    static let note = #"{"tasktype": "uri://note", "taskinfo": {"text": "hello"}}"#

    @Test("ServiceAccess admits by subject or by group, and never an anonymous caller when it lists names")
    func admission() {
        let access = ServiceAccess.only(subjects: ["carol"], groups: ["astro", "optics"])
        #expect(access.admits(Caller(subject: "carol")))
        #expect(access.admits(Caller(subject: "ann", groups: ["optics"])))
        #expect(!access.admits(Caller(subject: "bob", groups: ["radio"])))
        #expect(!access.admits(.anonymous))
        #expect(!access.admits(Caller(groups: ["astro"])), "groups without a subject are dropped: an anonymous caller has none")
        #expect(ServiceAccess.everyone.admits(.anonymous))
        let pinned = ServiceAccess.only(subjects: [], groups: ["astro"], issuers: ["https://a.example/"])
        #expect(pinned.admits(Caller(subject: "ann", issuer: "https://a.example/", groups: ["astro"])))
        #expect(!pinned.admits(Caller(subject: "ann", issuer: "https://b.example/", groups: ["astro"])), "the same group from another issuer")
        #expect(!pinned.admits(Caller(subject: "ann", groups: ["astro"])), "a caller without an issuer, with issuers required")
    }

    @Test("the owner of a caller's holds is its issuer and subject; anonymous callers own nothing")
    func owners() {
        #expect(Caller(subject: "alice", issuer: "https://a.example/").owner == "https://a.example/ alice")
        #expect(Caller(subject: "alice", issuer: "https://a.example/").owner != Caller(subject: "alice", issuer: "https://b.example/").owner)
        #expect(Caller.anonymous.owner == nil)
        #expect(!Caller.anonymous.isAuthenticated)
    }

    @Test("offers come from the services that admit the caller only")
    func offersPerCaller() throws {
        #expect(try answer(Self.image, as: .anonymous).offers.map(\.service) == ["open"])
        #expect(try answer(Self.image, as: Caller(subject: "ann", groups: ["astro"])).offers.map(\.service).sorted() == ["open", "survey"])
        #expect(try answer(Self.image, as: Caller(subject: "carol")).offers.map(\.service).sorted() == ["open", "survey"])
    }

    @Test("reasons come from the admitted services only")
    func reasonsPerCaller() throws {
        let big = #"{"tasktype": "uri://image", "taskinfo": {"image": "docker.io/example:1.0"}, "resources": {"mincores": 100}}"#
        #expect(try answer(big, as: .anonymous).reasons.compactMap(\.service) == ["open"])
        #expect(try answer(big, as: Caller(subject: "carol")).reasons.compactMap(\.service) == ["open", "survey"])
    }

    @Test("a caller admitted by no service that runs the task type gets NO not-permitted, class policy, naming no service")
    func notPermitted() throws {
        for caller in [Caller.anonymous, Caller(subject: "bob", groups: ["radio"])] {
            let refused = try answer(Self.note, as: caller)
            #expect(refused.responseword == .no)
            #expect(refused.reasons.map(\.code) == [.notPermitted])
            #expect(refused.reasons.first?.reasonClass == .policy)
            #expect(refused.reasons.first?.service == nil)
            #expect(refused.reasons.first?.message.contains("survey") == false)
        }
        #expect(try answer(Self.note, as: .anonymous).reasons.first?.message.contains("bearer token") == true, "an anonymous caller is told to sign in")
        #expect(try answer(Self.note, as: Caller(subject: "ann", groups: ["astro"])).responseword == .yes)
    }
}
