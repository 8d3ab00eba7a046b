import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// One hostile or broken `POST /plan` body and the answer the contract asks for (API.md §2, §4).
struct MalformedBody: Sendable, CustomStringConvertible {
    var name: String
    var contentType: String?
    var body: [UInt8]
    var status: HTTPResponse.Status
    /// The code expected among the answer's `errors`, when the contract fixes it.
    var code: String?

    var description: String { name }

    /// A JSON body.
    init(_ name: String, _ body: String, _ status: HTTPResponse.Status, code: String? = nil) {
        self.init(name, Self.json, bytes: Array(body.utf8), status, code: code)
    }

    /// A text body with the given `Content-Type` (none for `nil`).
    init(_ name: String, _ contentType: String?, _ body: String, _ status: HTTPResponse.Status, code: String? = nil) {
        self.init(name, contentType, bytes: Array(body.utf8), status, code: code)
    }

    init(_ name: String, _ contentType: String?, bytes: [UInt8], _ status: HTTPResponse.Status, code: String? = nil) {
        self.name = name
        self.contentType = contentType
        self.body = bytes
        self.status = status
        self.code = code
    }

    /// An ask for a task type no handler knows (so the corpus does not depend on the traits) with
    /// the given `resources` members.
    static func ask(resources: String) -> String {
        #"{"tasktype":"uri://corpus-test","taskinfo":{},"resources":{\#(resources)}}"#
    }

    static let validAsk = #"{"tasktype":"uri://corpus-test","taskinfo":{}}"#
    static let json = "application/json"
    static let yaml = "application/yaml"

    /// The corpus.
    static let corpus: [MalformedBody] = unreadable + roots + mediaTypes + yamlBodies + invalidAsks

    /// Bodies that cannot be read as JSON: `400`.
    static let unreadable: [MalformedBody] = [
        MalformedBody("invalid UTF-8 in a string", json, bytes: Array(#"{"tasktype":"uri://x"#.utf8) + [0xFF, 0xFE] + Array(#"","taskinfo":{}}"#.utf8), .badRequest, code: "invalid-encoding"),
        MalformedBody("overlong UTF-8 encoding", json, bytes: Array(#"{"tasktype":""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), .badRequest, code: "invalid-encoding"),
        MalformedBody("UTF-16 with its byte-order mark", json, bytes: [0xFF, 0xFE] + Array(validAsk.utf8).flatMap { [$0, 0] }, .badRequest),
        MalformedBody("UTF-8 byte-order mark", json, bytes: [0xEF, 0xBB, 0xBF] + Array(validAsk.utf8), .badRequest),
        MalformedBody("arrays nested 10 000 deep", String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), .badRequest, code: "too-deep"),
        MalformedBody("objects nested 10 000 deep", String(repeating: #"{"a":"#, count: 10_000) + "1" + String(repeating: "}", count: 10_000), .badRequest, code: "too-deep"),
        MalformedBody("taskinfo nested 65 deep", #"{"tasktype":"uri://x","taskinfo":"# + String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "}", .badRequest, code: "too-deep"),
        MalformedBody("1e400", ask(resources: #""mincores":1e400"#), .badRequest, code: "number-out-of-range"),
        MalformedBody("-1e400", ask(resources: #""mincores":-1e400"#), .badRequest, code: "number-out-of-range"),
        MalformedBody("99999999999999999999", ask(resources: #""mincores":99999999999999999999"#), .badRequest, code: "number-out-of-range"),
        MalformedBody("-99999999999999999999", ask(resources: #""maxcores":-99999999999999999999"#), .badRequest, code: "number-out-of-range"),
        MalformedBody("duplicate top-level keys", #"{"tasktype":"uri://a","tasktype":"uri://b","taskinfo":{}}"#, .badRequest, code: "duplicate-key"),
        MalformedBody("duplicate keys inside taskinfo", #"{"tasktype":"uri://a","taskinfo":{"image":"a","image":"b"}}"#, .badRequest, code: "duplicate-key"),
        MalformedBody("empty body", "", .badRequest),
        MalformedBody("whitespace only", " \n\t ", .badRequest),
        MalformedBody("trailing garbage", validAsk + " trailing", .badRequest),
        MalformedBody("two documents", validAsk + validAsk, .badRequest),
        MalformedBody("truncated", #"{"tasktype":"#, .badRequest),
        MalformedBody("single quotes", "{'tasktype':'uri://x','taskinfo':{}}", .badRequest),
        MalformedBody("trailing comma", #"{"tasktype":"uri://x","taskinfo":{},}"#, .badRequest),
        MalformedBody("a comment", "// an ask\n" + validAsk, .badRequest),
        MalformedBody("NaN", ask(resources: #""mincores":NaN"#), .badRequest),
        MalformedBody("Infinity", ask(resources: #""mincores":Infinity"#), .badRequest),
        MalformedBody("a raw newline inside a string", "{\"tasktype\":\"uri://x\ny\",\"taskinfo\":{}}", .badRequest),
        MalformedBody("an unpaired surrogate escape", #"{"tasktype":"uri://x\ud800","taskinfo":{}}"#, .badRequest),
        MalformedBody("a leading zero", ask(resources: #""mincores":08"#), .badRequest),
        MalformedBody("a NUL byte between members", json, bytes: Array(#"{"tasktype":"uri://x","#.utf8) + [0] + Array(#""taskinfo":{}}"#.utf8), .badRequest),
        MalformedBody("an unquoted key", #"{tasktype:"uri://x","taskinfo":{}}"#, .badRequest),
    ]

    /// Documents that are not objects: `400`.
    static let roots: [MalformedBody] = [
        MalformedBody("an array as the root", #"[{"tasktype":"uri://x","taskinfo":{}}]"#, .badRequest, code: "not-an-object"),
        MalformedBody("a string as the root", #""uri://docker-container""#, .badRequest, code: "not-an-object"),
        MalformedBody("null as the root", "null", .badRequest, code: "not-an-object"),
        MalformedBody("a number as the root", "42", .badRequest, code: "not-an-object"),
        MalformedBody("true as the root", "true", .badRequest, code: "not-an-object"),
    ]

    /// Wrong or missing `Content-Type` (`415`) and bodies over the limit (`413`).
    static let mediaTypes: [MalformedBody] = [
        MalformedBody("no Content-Type", nil, validAsk, .unsupportedMediaType, code: "unsupported-media-type"),
        MalformedBody("text/plain", "text/plain", validAsk, .unsupportedMediaType, code: "unsupported-media-type"),
        MalformedBody("application/xml", "application/xml", "<ask><tasktype>uri://x</tasktype></ask>", .unsupportedMediaType),
        MalformedBody("a form", "application/x-www-form-urlencoded", "tasktype=uri%3A%2F%2Fx", .unsupportedMediaType),
        MalformedBody("JSON in UTF-16", "application/json; charset=utf-16", validAsk, .unsupportedMediaType),
        MalformedBody("an empty Content-Type", "", validAsk, .unsupportedMediaType),
        MalformedBody("a 2 MiB body", validAsk + String(repeating: " ", count: 2 << 20), .contentTooLarge, code: "body-too-large"),
        MalformedBody("a 2 MiB YAML body", yaml, "tasktype: uri://x\ntaskinfo: {}\n" + String(repeating: "# padding\n", count: 210_000), .contentTooLarge),
    ]

    /// YAML bodies the contract refuses: anchors, aliases, several documents, … (`400`).
    static let yamlBodies: [MalformedBody] = [
        MalformedBody("YAML anchor and alias", yaml, "tasktype: &t uri://x\ntaskinfo:\n  image: *t\n", .badRequest, code: "invalid-yaml"),
        MalformedBody("YAML anchor on a mapping", yaml, "tasktype: uri://x\ntaskinfo: &info {image: a}\n", .badRequest, code: "invalid-yaml"),
        MalformedBody("YAML merge key with an alias", yaml, "base: &base {mincores: 1}\ntasktype: uri://x\ntaskinfo: {}\nresources:\n  <<: *base\n", .badRequest),
        MalformedBody("a billion laughs", yaml, "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", .badRequest),
        MalformedBody("several YAML documents", yaml, "tasktype: uri://x\ntaskinfo: {}\n---\ntasktype: uri://y\ntaskinfo: {}\n", .badRequest, code: "invalid-yaml"),
        MalformedBody("an empty YAML document", yaml, "", .badRequest),
        MalformedBody("YAML with a byte-order mark", yaml, "\u{FEFF}tasktype: uri://x\ntaskinfo: {}\n", .badRequest),
        MalformedBody("YAML duplicate keys", yaml, "tasktype: uri://x\ntasktype: uri://y\ntaskinfo: {}\n", .badRequest),
        MalformedBody("YAML syntax error", yaml, "tasktype: [uri://x\ntaskinfo: {\n", .badRequest),
        MalformedBody("YAML sequence as the root", yaml, "- tasktype: uri://x\n", .badRequest, code: "not-an-object"),
        MalformedBody("YAML flow nested 10 000 deep", yaml, String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000), .badRequest),
        MalformedBody("YAML integer beyond 64 bits", yaml, "tasktype: uri://x\ntaskinfo: {}\nresources: {mincores: 99999999999999999999}\n", .badRequest, code: "number-out-of-range"),
        MalformedBody("YAML in invalid UTF-8", yaml, bytes: Array("tasktype: uri://x".utf8) + [0xFF] + Array("\ntaskinfo: {}\n".utf8), .badRequest),
        MalformedBody("YAML complex key", yaml, "? [tasktype]\n: uri://x\n", .badRequest),
    ]

    /// Well-formed documents that are not valid asks: `422`.
    static let invalidAsks: [MalformedBody] = [
        MalformedBody("an unknown top-level key", #"{"tasktype":"uri://x","taskinfo":{},"priority":1}"#, .unprocessableContent, code: "unknown-field"),
        MalformedBody("an unknown resources key", ask(resources: #""cores":4"#), .unprocessableContent, code: "unknown-field"),
        MalformedBody("the seed's misspelling reponseword as a key", #"{"tasktype":"uri://x","taskinfo":{},"reponseword":"YES"}"#, .unprocessableContent),
        MalformedBody("no tasktype", #"{"taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("no taskinfo", #"{"tasktype":"uri://x"}"#, .unprocessableContent),
        MalformedBody("an empty object", "{}", .unprocessableContent),
        MalformedBody("tasktype null", #"{"tasktype":null,"taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("tasktype a number", #"{"tasktype":42,"taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("taskinfo a string", #"{"tasktype":"uri://x","taskinfo":"image=a"}"#, .unprocessableContent),
        MalformedBody("resources an array", #"{"tasktype":"uri://x","taskinfo":{},"resources":[8,10]}"#, .unprocessableContent),
        MalformedBody("tasktype not a URI", #"{"tasktype":"docker","taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("tasktype with a fragment", #"{"tasktype":"uri://x#y","taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("tasktype of 3000 characters", #"{"tasktype":"uri://"# + String(repeating: "x", count: 3000) + #"","taskinfo":{}}"#, .unprocessableContent),
        MalformedBody("cores as a string", ask(resources: #""mincores":"8""#), .unprocessableContent),
        MalformedBody("cores with a fraction", ask(resources: #""mincores":1.5"#), .unprocessableContent),
        MalformedBody("zero cores", ask(resources: #""maxcores":0"#), .unprocessableContent),
        MalformedBody("negative cores", ask(resources: #""mincores":-1"#), .unprocessableContent),
        MalformedBody("memory 8g", ask(resources: #""minmemory":"8g""#), .unprocessableContent),
        MalformedBody("memory 8GB", ask(resources: #""minmemory":"8GB""#), .unprocessableContent),
        MalformedBody("memory 8GiB", ask(resources: #""maxmemory":"8GiB""#), .unprocessableContent),
        MalformedBody("memory as a bare number", ask(resources: #""minmemory":8"#), .unprocessableContent),
        MalformedBody("negative memory", ask(resources: #""maxmemory":"-1G""#), .unprocessableContent),
        MalformedBody("memory with a space", ask(resources: #""maxmemory":"8 G""#), .unprocessableContent),
        MalformedBody("duration 1.5h", ask(resources: #""minduration":"1.5h""#), .unprocessableContent),
        MalformedBody("duration 10:00", ask(resources: #""maxduration":"10:00""#), .unprocessableContent),
        MalformedBody("duration P1H", ask(resources: #""maxduration":"P1H""#), .unprocessableContent),
        MalformedBody("duration 1d", ask(resources: #""maxduration":"1d""#), .unprocessableContent),
        MalformedBody("maximum duration zero", ask(resources: #""maxduration":"0s""#), .unprocessableContent),
        MalformedBody("mincores above maxcores", ask(resources: #""mincores":10,"maxcores":8"#), .unprocessableContent),
        MalformedBody("minmemory above maxmemory", ask(resources: #""minmemory":"10G","maxmemory":"8G""#), .unprocessableContent),
        MalformedBody("a hold that is not a duration", #"{"tasktype":"uri://x","taskinfo":{},"hold":"forever"}"#, .unprocessableContent),
        MalformedBody("a schedule that is not an interval", #"{"tasktype":"uri://x","taskinfo":{},"schedule":{"start":["tomorrow"]}}"#, .unprocessableContent),
        MalformedBody("YAML with a misspelt resource", yaml, "tasktype: uri://x\ntaskinfo: {}\nresources:\n  mincore: 8\n", .unprocessableContent, code: "unknown-field"),
    ]
}

@Suite("A corpus of malformed bodies over a real socket")
struct MalformedBodyTests {
    @Test("the corpus is large and covers every refusal status")
    func corpusShape() {
        #expect(MalformedBody.corpus.count >= 40)
        let statuses = Set(MalformedBody.corpus.map(\.status.code))
        #expect(statuses == [400, 413, 415, 422])
        #expect(Set(MalformedBody.corpus.map(\.name)).count == MalformedBody.corpus.count, "case names are unique")
    }

    @Test("every malformed body gets its status, never a 5xx, and the daemon stays up")
    func corpus() async throws {
        try await LiveDaemon.run { client in
            let port = try #require(client.port)
            for item in MalformedBody.corpus {
                var headers = HTTPFields()
                if let contentType = item.contentType { headers[.contentType] = contentType }
                let request = TestClient.Request("/plan", method: .post, authority: "localhost", headers: headers, body: ByteBuffer(bytes: item.body))
                // A connection of its own for each case: the daemon may close one after a 413.
                let response: TestClient.Response
                do {
                    response = try await TestClient.withClient(host: "localhost", port: port) { try await $0.execute(request) }
                } catch {
                    Issue.record("\(item.name): no answer (\(error))")
                    continue
                }
                #expect(response.status.code < 500, "\(item.name): \(response.status.code)")
                let document = expectProblem(response, item.status, item.name)
                if let code = item.code {
                    let codes = problemEntries(document).map(\.code)
                    #expect(codes.contains(code), "\(item.name): codes \(codes), expected \(code)")
                }
            }
            let health = try await TestClient.withClient(host: "localhost", port: port) { try await $0.get("/health") }
            #expect(health.status == .ok)
            #expect(health.json == ["status": "ok"])
            // And the original keep-alive connection still works too.
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }

    @Test("the same bad body sent many times on one keep-alive connection")
    func keepAlive() async throws {
        try await LiveDaemon.run { client in
            for item in MalformedBody.unreadable.prefix(12) + MalformedBody.invalidAsks.prefix(12) {
                let response = try await client.plan(bytes: item.body, contentType: item.contentType)
                expectProblem(response, item.status, "keep-alive: \(item.name)")
            }
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)
        }
    }
}
