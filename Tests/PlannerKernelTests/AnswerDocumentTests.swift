import Foundation
import PlannerKernel
import Testing

/// `Answer.document` (built directly, for the hot path) must write exactly what the `Encodable`
/// conformances write: same members, same order, same values.
@Suite("Answer documents built directly match their Encodable form")
struct AnswerDocumentTests {
    static let resources = OfferedResources(
        mincores: 8, maxcores: 10, minmemory: MemoryQuantity(bytes: 8_000_000_000), maxmemory: MemoryQuantity(bytes: 10 * 1024 * 1024 * 1024),
        minduration: TaskDuration(minutes: 10), maxduration: TaskDuration(hours: 1, minutes: 30))
    static let start = Date(timeIntervalSince1970: 1_798_000_000)

    static let answers: [Answer] = [
        Answer(tasktype: "uri://docker-container", offers: [
            Offer(service: "docker-uws", servicetype: "uri://docker-uws",
                  serviceinfo: ["endpoint": "https://compute.example.org/uws", "image": "docker.io/library/ubuntu:22.04", "ports": [8080, 443]],
                  resources: resources, start: start),
            Offer(service: "kws", servicetype: "uri://kubernetes-helm", serviceinfo: ["endpoint": "https://k8s.example.org/kws"],
                  resources: resources, start: start.addingTimeInterval(1800),
                  id: "0123456789abcdef0123456789abcdef", state: "OFFERED", expires: start.addingTimeInterval(60)),
        ], reasons: [], warnings: [PlanWarning(path: JSONPointer(tokens: ["hold"]), code: "hold-shortened", message: "asked to hold for 1h; \"at most\" 10m")]),
        Answer(tasktype: "uri://kubernetes-helm", offers: [], reasons: [
            Reason(path: JSONPointer(tokens: ["resources", "maxcores"]), code: .exceedsLimit, reasonClass: .never,
                   message: "asked for 300 cores", limit: 240, nearest: ["maxcores": 240, "mincores": 220], service: "kws"),
            Reason(path: JSONPointer(tokens: ["taskinfo", "chart/with~slash"]), code: .refusedByPolicy, reasonClass: .policy, message: "ünïcode ✓"),
            Reason(path: JSONPointer(tokens: []), code: .outsideWindow, reasonClass: .notNow, message: "later", limit: "2026-12-01T00:00:00Z"),
        ], warnings: []),
        Answer(tasktype: "uri://nothing", offers: [], reasons: [
            Reason(path: JSONPointer(tokens: ["tasktype"]), code: .unsupportedTaskType, reasonClass: .unsupported, message: "unknown"),
        ], warnings: [], supported: ["uri://docker-container", "uri://jupyter-notebook"]),
    ]

    @Test("the same JSON value and the same bytes as JSONValue(encoding:)", arguments: 0..<answers.count)
    func sameAsEncodable(_ index: Int) throws {
        let answer = Self.answers[index]
        let encoded = try JSONValue(encoding: answer)
        #expect(answer.document == encoded)
        #expect(answer.document.serialized() == encoded.serialized())
    }

    @Test("offers, resources, reasons and warnings alone match too")
    func partsMatch() throws {
        for answer in Self.answers {
            for offer in answer.offers { #expect(offer.document == (try JSONValue(encoding: offer))) }
            for reason in answer.reasons { #expect(reason.document == (try JSONValue(encoding: reason))) }
            for warning in answer.warnings { #expect(warning.document == (try JSONValue(encoding: warning))) }
        }
        #expect(Self.resources.document == (try JSONValue(encoding: Self.resources)))
    }
}
