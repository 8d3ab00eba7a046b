import PlannerDaemon
import Testing

@Suite("Content-Type to body format")
struct AskBodyReaderFormatTests {
    @Test("JSON and YAML media types, in any case, with spaces, tabs and a UTF-8 charset (quoted or not)", arguments: [
        ("application/json", AskBodyReader.Format.json), ("Application/JSON", .json), (" application/json ", .json),
        ("application/json;charset=utf-8", .json), ("application/json; charset=UTF-8", .json), ("application/json;\tcharset=\"utf-8\"", .json),
        ("application/json; charset=utf8", .json), ("application/json; boundary=x", .json),
        ("application/yaml", .yaml), ("text/yaml; charset=utf-8", .yaml), ("application/x-yaml", .yaml), ("text/x-yaml", .yaml),
    ])
    func accepted(contentType: String, format: AskBodyReader.Format) {
        #expect(AskBodyReader.format(of: contentType) == format)
    }

    @Test("anything else, and other charsets, have no format", arguments: [
        "", " ", ";", "text/plain", "application/json-seq", "application/jsonx", "application/json; charset=latin1",
        "application/json; charset=\"utf-16\"", "json", "application/json; charset=",
    ])
    func refused(contentType: String) {
        #expect(AskBodyReader.format(of: contentType) == nil)
    }

    @Test("no Content-Type has no format")
    func missing() {
        #expect(AskBodyReader.format(of: nil) == nil)
    }
}
