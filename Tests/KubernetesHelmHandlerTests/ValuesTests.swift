import KubernetesHelmHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

@Suite("values limits")
struct ValuesTests {
    static let chart: JSONValue = "https://example.org/charts/nginx-1.2.3.tgz"

    /// An object nested `depth` deep (`{"a": {"a": … 1}}`).
    static func nested(_ depth: Int) -> JSONValue {
        var value: JSONValue = 1
        for _ in 0..<depth { value = ["a": value] }
        return value
    }

    @Test func thirtyTwoLevelsAreAllowed() {
        #expect(probe(["chart": Self.chart, "values": Self.nested(32)]).task != nil)
    }

    @Test func thirtyThreeLevelsAreTooDeep() {
        let outcome = probe(["chart": Self.chart, "values": Self.nested(33)])
        #expect(outcome.problemPaths == ["/taskinfo/values"])
        #expect(outcome.problemCodes == [.tooDeep])
    }

    @Test func overOneMebibyteIsTooLongAndNotEchoed() {
        let secret = "s3cr3t-" + String(repeating: "x", count: HelmValuesLimits.maximumBytes)
        let outcome = probe(["chart": Self.chart, "values": ["password": .string(secret)]])
        #expect(outcome.problemPaths == ["/taskinfo/values"])
        #expect(outcome.problemCodes == [.tooLong])
        #expect(outcome.report.problems.allSatisfy { !$0.message.contains("s3cr3t") && $0.hint?.contains("s3cr3t") != true })
    }

    @Test func justUnderOneMebibyteIsAccepted() {
        // {"k":"…"} is 8 bytes plus the string's length.
        let text = String(repeating: "x", count: HelmValuesLimits.maximumBytes - 8)
        #expect(probe(["chart": Self.chart, "values": ["k": .string(text)]]).task != nil)
        let over = String(repeating: "x", count: HelmValuesLimits.maximumBytes - 7)
        #expect(probe(["chart": Self.chart, "values": ["k": .string(over)]]).problemCodes == [.tooLong])
    }

    @Test func escapesCountTowardsTheSize() {
        let quotes = String(repeating: "\"", count: HelmValuesLimits.maximumBytes / 2)
        #expect(probe(["chart": Self.chart, "values": ["k": .string(quotes)]]).problemCodes == [.tooLong])
    }

    @Test func emptyAndNestedValuesAreFine() {
        #expect(probe(["chart": Self.chart, "values": [:]]).task?.values == JSONObject())
        let outcome = probe(["chart": Self.chart, "values": ["image": ["tag": "1.0", "pullPolicy": nil], "replicaCount": 2, "ratio": 0.5]])
        #expect(outcome.task?.values?.keys == ["image", "replicaCount", "ratio"])
    }

    @Test func valuesAreNotInServiceInfo() throws {
        let task = try #require(probe(["chart": Self.chart, "values": ["password": "hunter2"]]).task)
        #expect(serviceInfoObject(task)?["values"] == nil)
    }
}
