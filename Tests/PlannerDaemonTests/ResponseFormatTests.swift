import PlannerDaemon
import PlannerKernel
import PlannerKernelTesting
import Testing

/// The answer format chosen from `Accept`, and the YAML writer's faithfulness.
@Suite("Response formats")
struct ResponseFormatTests {
    @Test("Accept chooses YAML only when it is preferred to JSON", arguments: [
        (nil, false), ("", false), ("*/*", false), ("application/json", false), ("application/*", false),
        ("application/yaml", true), ("text/yaml", true), ("application/x-yaml", true), ("APPLICATION/YAML", true),
        ("application/json, application/yaml", false), ("application/yaml, application/json", false),
        ("application/json;q=0.5, application/yaml", true), ("application/yaml;q=0.4, */*;q=0.5", false),
        ("application/yaml, */*;q=0.1", true), ("text/*", true), ("text/html", false), ("application/yaml;q=0", false),
        ("application/yaml;q=banana", false), ("garbage", false), ("application/json;q=0, application/yaml;q=0.001", true),
    ] as [(String?, Bool)])
    func negotiation(accept: String?, yaml: Bool) {
        let format = ResponseFormat.preferred(by: accept)
        #expect((format != .json) == yaml, "Accept: \(accept ?? "none") gave \(format)")
    }

    @Test("YAML answers are labelled application/yaml, whichever YAML type the client named")
    func mediaTypes() {
        #expect(ResponseFormat.preferred(by: "text/yaml").contentType == "application/yaml")
        #expect(ResponseFormat.preferred(by: "text/x-yaml;q=0.9, application/json;q=0.8").contentType == "application/yaml")
        #expect(ResponseFormat.preferred(by: nil).contentType == "application/json")
    }

    @Test("every corpus value survives YAML: written, then read back strictly")
    func roundTrip() throws {
        let writer = YAMLDocumentWriter()
        let reader = YAMLDocumentReader()
        for value in JSONFuzzCorpus.values + [Self.answerLike] {
            let text = writer.write(value)
            let back = try reader.parse(text)
            #expect(back == value, "\(String(decoding: value.serialized().prefix(120), as: UTF8.self)) came back as \(String(decoding: back.serialized().prefix(120), as: UTF8.self))")
        }
    }

    @Test("strings that look like other scalars stay strings; plain keys stay plain")
    func quoting() throws {
        let value: JSONValue = ["true": "yes", "null": "", "1.5": "0x10", "kind": "~", "a b": "-", "mincores": 8]
        let text = YAMLDocumentWriter().write(value)
        #expect(try YAMLDocumentReader().parse(text) == value)
        #expect(text.contains("\nmincores: 8\n"), "\(text)")
        #expect(text.hasPrefix("\"true\": \"yes\"\n"), "\(text)")
    }

    static let answerLike: JSONValue = [
        "responseword": "YES", "offers": [["service": "a", "resources": ["mincores": 1, "maxmemory": "8Gi"], "empty": [:], "list": []]],
        "reasons": [], "nested": [[1, 2], [[]], ["x": ["y": ["z": nil]]]], "real": 0.1, "big": .integer(Int64.min), "unicode": "é\u{2028}\u{7F}\u{0}",
    ]
}
