import Foundation
import PlannerKernel
import Testing

@Suite("Offer planning against limits (API.md §2.4, §3)")
struct OfferPlannerTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func plan(_ json: String, planner: OfferPlanner = Fixtures.seedPlanner()) throws -> OfferPlanner.Outcome {
        planner.plan(try StrictJSONParser().parse(json), now: now)
    }

    func answer(_ json: String, planner: OfferPlanner = Fixtures.seedPlanner()) throws -> Answer {
        guard case .answer(let answer) = try plan(json, planner: planner) else {
            Issue.record("expected an answer for \(json)")
            throw CancellationError()
        }
        return answer
    }

    func problems(_ json: String) throws -> [Problem] {
        guard case .invalid(let problems) = try plan(json) else {
            Issue.record("expected problems for \(json)")
            return []
        }
        return problems
    }

    @Test("the seed's docker ask gets the seed's answer")
    func seedDocker() throws {
        let answer = try answer("""
            {"tasktype": "uri://image", "taskinfo": {"image": "docker.io/example:1.0"},
             "resources": {"mincores": 8, "maxcores": 10, "minmemory": "8G", "maxmemory": "10G",
                           "minduration": "10m", "maxduration": "20m"}}
            """)
        #expect(answer.responseword == .yes)
        let best = try #require(answer.offers.first)
        #expect(best.servicetype == "uri://docker-uws")
        #expect(best.serviceinfo.objectValue?["endpoint"] == "http://example.org/uws")
        #expect(best.resources.mincores == 8 && best.resources.maxcores == 10)
        #expect(best.resources.minmemory.canonical == "8G" && best.resources.maxmemory.canonical == "10G")
        #expect(best.resources.minduration.canonical == "10m" && best.resources.maxduration.canonical == "20m")
        #expect(answer.reasons.isEmpty)
        #expect(best.start == now)
    }

    @Test("without resources the offer is each service's defaults capped by its limits")
    func defaults() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}}"#)
        let small = try #require(answer.offers.first { $0.service == "docker-uws" })
        #expect(small.resources.mincores == 1 && small.resources.maxcores == 1)
        #expect(small.resources.minmemory.canonical == "1Gi")
        #expect(small.resources.maxduration.canonical == "20m")
        let large = try #require(answer.offers.first { $0.service == "kws" })
        #expect(large.resources.maxduration.canonical == "1h")
    }

    @Test("only a min: the offer's max is the service's limit (the seed's empty maxcores)")
    func onlyMin() throws {
        let answer = try answer("""
            {"tasktype": "uri://image", "taskinfo": {"image": "a:1"},
             "resources": {"mincores": 220, "maxcores": null, "minmemory": "360G", "maxmemory": "400G",
                           "minduration": "9h", "maxduration": "9h30m"}}
            """)
        #expect(answer.offers.count == 1)
        let offer = try #require(answer.offers.first)
        #expect(offer.service == "kws")
        #expect((offer.resources.mincores, offer.resources.maxcores) == (220, 240))
        #expect((offer.resources.minmemory.canonical, offer.resources.maxmemory.canonical) == ("360G", "400G"))
        #expect((offer.resources.minduration.canonical, offer.resources.maxduration.canonical) == ("9h", "9h30m"))
    }

    @Test("only a max: the offer's min is the default, capped by the max")
    func onlyMax() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": {"maxcores": 4, "maxmemory": "512Mi"}}"#)
        let offer = try #require(answer.offers.first { $0.service == "docker-uws" })
        #expect((offer.resources.mincores, offer.resources.maxcores) == (1, 4))
        #expect((offer.resources.minmemory.canonical, offer.resources.maxmemory.canonical) == ("512Mi", "512Mi"))
    }

    @Test("an asked max below the limit is kept; the ranking puts the bigger service first")
    func ranking() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": {"mincores": 2, "maxcores": 100}}"#)
        #expect(answer.offers.map(\.service) == ["kws", "docker-uws"])
        #expect(answer.offers.map(\.resources.maxcores) == [100, 10])
    }

    @Test("a min above every limit is NO with every service's reason, the limit and the nearest ask")
    func exceedsLimit() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": {"mincores": 300, "minduration": "10h"}}"#)
        #expect(answer.responseword == .no)
        #expect(answer.offers.isEmpty)
        let cores = answer.reasons.filter { $0.path.description == "/resources/mincores" }
        #expect(cores.map(\.service) == ["docker-uws", "kws"])
        #expect(cores.allSatisfy { $0.code == .exceedsLimit && $0.reasonClass == .never })
        #expect(cores.last?.limit == 240)
        #expect(cores.last?.nearest == JSONObject([.init(key: "mincores", value: 240)]))
        #expect(cores.last?.message.contains("300") == true && cores.last?.message.contains("240") == true)
        let duration = answer.reasons.filter { $0.path.description == "/resources/minduration" }
        #expect(duration.last?.limit == "9h30m")
    }

    @Test("a policy refusal and a size refusal are both listed")
    func policyAndSize() throws {
        let planner = Fixtures.seedPlanner(deniedOnSmall: ["bad:1"])
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "bad:1"}, "resources": {"mincores": 241}}"#, planner: planner)
        #expect(answer.responseword == .no)
        #expect(Set(answer.reasons.map(\.code)) == [.refusedByPolicy, .exceedsLimit])
        let policy = try #require(answer.reasons.first { $0.code == .refusedByPolicy })
        #expect(policy.reasonClass == .policy && policy.service == "docker-uws" && policy.path.description == "/taskinfo/image")
    }

    @Test("an unknown but well-formed task type is NO with the supported list; the string is echoed")
    func unsupported() throws {
        let answer = try answer(#"{"tasktype": "URI://image", "taskinfo": {}}"#)
        #expect(answer.responseword == .no)
        #expect(answer.tasktype == "URI://image")
        #expect(answer.reasons.map(\.code) == [.unsupportedTaskType])
        #expect(answer.reasons.first?.reasonClass == .unsupported)
        #expect(answer.supported == ["uri://image"])
    }

    @Test("an alias is planned like the canonical URI and echoed unchanged")
    func alias() throws {
        let answer = try answer(#"{"tasktype": "uri:image-1.0", "taskinfo": {"image": "a:1"}}"#)
        #expect(answer.responseword == .yes && answer.tasktype == "uri:image-1.0")
    }

    @Test("a known task type without a service is NO no-service")
    func noService() throws {
        let answer = try answer(#"{"tasktype": "uri://note", "taskinfo": {"text": "x"}}"#)
        #expect(answer.reasons.map(\.code) == [.noService])
    }

    @Test("every problem of the ask and its taskinfo is reported at once")
    func everyProblem() throws {
        let found = try problems("""
            {"tasktype": "uri://image", "taskinfo": {"size": 0, "colour": 1},
             "resources": {"mincores": "8", "maxcores": 0.5, "minmemory": "8g", "maxmemory": 10,
                           "minduration": "1.5h", "maxduration": "0s", "gpus": 1},
             "hold": "P1H", "extra": true}
            """)
        let paths = Set(found.map(\.path.description))
        #expect(paths == [
            "/extra", "/taskinfo/image", "/taskinfo/size", "/taskinfo/colour",
            "/resources/mincores", "/resources/maxcores", "/resources/minmemory", "/resources/maxmemory",
            "/resources/minduration", "/resources/maxduration", "/resources/gpus", "/hold",
        ])
        #expect(found.first { $0.path.description == "/resources/gpus" }?.code == .unknownField)
        #expect(found.first { $0.path.description == "/taskinfo/image" }?.code == .missingField)
    }

    @Test("min above max is reported at the min's path", arguments: [
        (#"{"mincores": 4, "maxcores": 2}"#, "/resources/mincores"),
        (#"{"minmemory": "2Gi", "maxmemory": "2G"}"#, "/resources/minmemory"),
        (#"{"minduration": "1h", "maxduration": "59m"}"#, "/resources/minduration"),
    ])
    func minAboveMax(resources: String, path: String) throws {
        let found = try problems(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": \#(resources)}"#)
        #expect(found.map(\.path.description) == [path])
        #expect(found.map(\.code) == [.minAboveMax])
    }

    @Test("task types that are not absolute URIs, and wrong shapes, are problems", arguments: [
        (#"{"tasktype": "docker-container", "taskinfo": {}}"#, "/tasktype"),
        (#"{"tasktype": "uri://image ", "taskinfo": {}}"#, "/tasktype"),
        (#"{"tasktype": 5, "taskinfo": {}}"#, "/tasktype"),
        (#"{"taskinfo": {}}"#, "/tasktype"),
        (#"{"tasktype": "uri://image"}"#, "/taskinfo"),
        (#"{"tasktype": "uri://image", "taskinfo": []}"#, "/taskinfo"),
        (#"{"tasktype": "uri://image", "taskinfo": {"image": "a"}, "schedule": {"start": ["2026-12-01T10:00:00Z/PT0S"]}}"#, "/schedule/start/0"),
        (#"{"tasktype": "uri://image", "taskinfo": {"image": "a"}, "schedule": {"start": ["tomorrow"]}}"#, "/schedule/start/0"),
        (#"{"tasktype": "uri://image", "taskinfo": {"image": "a"}, "hold": "0s"}"#, "/hold"),
    ])
    func shapeProblems(json: String, path: String) throws {
        #expect(try problems(json).map(\.path.description) == [path])
    }

    @Test("a document that is not an object is a document-level problem")
    func notAnObject() throws {
        let outcome = try plan("[1]")
        guard case .invalid(let found) = outcome else { Issue.record("not invalid"); return }
        #expect(found.map(\.code) == [.notAnObject])
        #expect(outcome.isUnreadableDocument)
        #expect(try !plan(#"{"tasktype": "x"}"#).isUnreadableDocument)
    }

    @Test("a taskinfo warning reaches the answer")
    func warnings() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "untagged"}}"#)
        #expect(answer.warnings.map(\.code) == ["mutable-tag"])
        #expect(answer.warnings.first?.path.description == "/taskinfo/image")
    }

    @Test("the answer encodes the seed's simple shape with no escaped slashes")
    func encoding() throws {
        let answer = try answer(#"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": {"mincores": 8, "maxcores": 10}}"#)
        let json = try JSONValue(encoding: answer).jsonText
        #expect(json.hasPrefix(#"{"responseword":"YES","tasktype":"uri://image","servicetype":"uri://docker-uws","serviceinfo":{"endpoint":"http://example.org/uws""#))
        #expect(!json.contains("\\/"))
        #expect(json.contains(#""start":"2027-01-15T08:00:00Z""#))
        let parsed = try StrictJSONParser().parse(json)
        #expect(parsed.objectValue?["resources"]?.objectValue?["maxmemory"] == "1Gi")
    }

    @Test("planning without hold is a pure function")
    func deterministic() throws {
        let json = #"{"tasktype": "uri://image", "taskinfo": {"image": "a:1"}, "resources": {"mincores": 2}}"#
        #expect(try answer(json) == answer(json))
    }
}
