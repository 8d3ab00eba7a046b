import NotebookHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// formats.md §3.4: every nbformat vector, sent as inline `content`.
@Suite("Inline notebook content (formats.md §3.4)")
struct NotebookContentVectorTests {
    static let code = Fixture.codeCell
    static let markdown = ##"{"id":"m1","cell_type":"markdown","metadata":{},"source":["# Title\n","text"]}"##
    static let raw = #"{"id":"r1","cell_type":"raw","metadata":{"format":"text/x-rst"},"source":""}"#
    static let kernelspec = #"{"kernelspec":{"name":"python3","display_name":"Python 3"},"language_info":{"name":"python","file_extension":".py"}}"#
    static let c = "/taskinfo/content"

    static func nb(_ minor: String = "5", metadata: String = "{}", cells: [String] = [], extra: String = "") -> String {
        Fixture.contentTask(Fixture.notebook(minor: minor, metadata: metadata, cells: cells, extra: extra))
    }

    /// `code` with one member replaced, added (`value` non-nil) or removed (`value` nil).
    static func codeWith(_ key: String, _ value: String?) -> String {
        var members: [(String, String)] = [
            ("id", #""c1""#), ("cell_type", #""code""#), ("metadata", "{}"), ("source", #""print(1)""#),
            ("outputs", "[]"), ("execution_count", "null"),
        ]
        if let index = members.firstIndex(where: { $0.0 == key }) {
            if let value { members[index].1 = value } else { members.remove(at: index) }
        } else if let value {
            members.append((key, value))
        }
        return "{" + members.map { #""\#($0.0)":\#($0.1)"# }.joined(separator: ",") + "}"
    }

    static let vectors: [Vector] = [
        .valid("1 minimal 4.5", nb()),
        .valid("2 minimal 4.4", nb("4")),
        .valid("3 4.5 with kernelspec, language_info, code, markdown and raw cells", nb(metadata: kernelspec, cells: [code, markdown, raw])),
        .invalid("4 nbformat as a string", Fixture.contentTask(Fixture.notebook(major: #""4""#)), "\(c)/nbformat", .wrongType),
        .invalid("5 nbformat 3", Fixture.contentTask(Fixture.notebook(major: "3")), "\(c)/nbformat", .unsupportedNbformat),
        .invalid("6 nbformat 5", Fixture.contentTask(Fixture.notebook(major: "5")), "\(c)/nbformat", .unsupportedNbformat),
        .invalid("7a missing metadata", Fixture.contentTask(#"{"nbformat":4,"nbformat_minor":5,"cells":[]}"#), "\(c)/metadata", .missingField),
        .invalid("7b missing cells", Fixture.contentTask(#"{"nbformat":4,"nbformat_minor":5,"metadata":{}}"#), "\(c)/cells", .missingField),
        .invalid("7c missing nbformat_minor", Fixture.contentTask(#"{"nbformat":4,"metadata":{},"cells":[]}"#), "\(c)/nbformat_minor", .missingField),
        .invalid("8 extra top-level key", nb(extra: #","foo":1"#), "\(c)/foo", .unknownField),
        .invalid("9 kernelspec without display_name", nb(metadata: #"{"kernelspec":{"name":"python3"}}"#), "\(c)/metadata/kernelspec/display_name", .missingField),
        .invalid("10 language_info without name", nb(metadata: #"{"language_info":{"file_extension":".py"}}"#), "\(c)/metadata/language_info/name", .missingField),
        .valid("11 unknown key under metadata", nb(metadata: #"{"myextension":{"anything":[1,2]}}"#)),
        .invalid("12 code cell without outputs", nb(cells: [codeWith("outputs", nil)]), "\(c)/cells/0/outputs", .missingField),
        .invalid("13 code cell without execution_count", nb(cells: [codeWith("execution_count", nil)]), "\(c)/cells/0/execution_count", .missingField),
        .invalid("14 execution_count -1", nb(cells: [codeWith("execution_count", "-1")]), "\(c)/cells/0/execution_count", .outOfRange),
        .valid("15 execution_count 3", nb(cells: [codeWith("execution_count", "3")])),
        .invalid("16 markdown cell with outputs", nb(cells: [#"{"id":"m1","cell_type":"markdown","metadata":{},"source":"","outputs":[]}"#]), "\(c)/cells/0/outputs", .unknownField),
        .invalid("17 code cell with attachments", nb(cells: [codeWith("attachments", "{}")]), "\(c)/cells/0/attachments", .unknownField),
        .invalid("18 4.5 cell without id", nb(cells: [codeWith("id", nil)]), "\(c)/cells/0/id", .missingField),
        .invalid("19 4.5 duplicate ids", nb(cells: [code, code]), "\(c)/cells/1/id", .duplicateCellID),
        .invalid("20 id with a space", nb(cells: [codeWith("id", #""a b""#)]), "\(c)/cells/0/id", .invalidFormat),
        .valid("21a id of 64 characters", nb(cells: [codeWith("id", "\"\(String(repeating: "a", count: 64))\"")])),
        .invalid("21b id of 65 characters", nb(cells: [codeWith("id", "\"\(String(repeating: "a", count: 65))\"")]), "\(c)/cells/0/id", .tooLong),
        .invalid("22 4.4 cell with id", nb("4", cells: [code]), "\(c)/cells/0/id", .unknownField),
        .valid("23 4.4 cell without id", nb("4", cells: [codeWith("id", nil)])),
        .invalid("24 source 42", nb(cells: [codeWith("source", "42")]), "\(c)/cells/0/source", .wrongType),
        .invalid("25 heading cell", nb(cells: [#"{"id":"h1","cell_type":"heading","metadata":{},"source":"Title","level":1}"#]), "\(c)/cells/0/cell_type", .unknownCellType),
        .invalid("26 stream output without name", nb(cells: [codeWith("outputs", #"[{"output_type":"stream","text":"hi"}]"#)]), "\(c)/cells/0/outputs/0/name", .missingField),
        .valid("27 stream output", nb(cells: [codeWith("outputs", #"[{"output_type":"stream","name":"stdout","text":["hi\n"]}]"#)])),
        .invalid("28 pyout output", nb(cells: [codeWith("outputs", #"[{"output_type":"pyout","prompt_number":1}]"#)]), "\(c)/cells/0/outputs/0/output_type", .unknownOutputType),
        .valid("29 execute_result", nb(cells: [codeWith("outputs", #"[{"output_type":"execute_result","data":{"text/plain":"2"},"metadata":{},"execution_count":1}]"#)])),
        .invalid("30 tag with a comma", nb(cells: [codeWith("metadata", #"{"tags":["a,b"]}"#)]), "\(c)/cells/0/metadata/tags/0", .invalidFormat),
        .valid("31 future minor 6 with an unknown top-level key", nb("6", extra: #","foo":1"#)),
        .invalid("32 nbformat_minor -1", nb("-1"), "\(c)/nbformat_minor", .outOfRange),
    ]

    @Test("vector", arguments: vectors)
    func vector(_ vector: Vector) { vector.check() }

    @Test("5: nbformat 3 hints at nbconvert; 6: nbformat 5 does not exist")
    func majorVersionMessages() {
        let old = Fixture.probe(Fixture.contentTask(Fixture.notebook(major: "3")))
        #expect(old.report.problems.first?.hint?.contains("jupyter nbconvert --to notebook --nbformat 4") == true)
        let future = Fixture.probe(Fixture.contentTask(Fixture.notebook(major: "5")))
        #expect(future.report.problems.first?.message.contains("no nbformat 5") == true)
    }

    @Test("31: a future minor warns")
    func futureMinorWarns() {
        #expect(Fixture.probe(Self.nb("6", extra: #","foo":1"#)).warningCodes == [.futureNbformatMinor])
    }

    @Test("33: a body that is not JSON (trailing comma) is a parse error, not a crash")
    func trailingComma() {
        let outcome = Fixture.probe(#"{"content":{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[],},"kernel":"python3"}"#)
        #expect(outcome.task == nil)
        #expect(outcome.problemCodes == [.invalidJSON])
    }

    @Test("33: a Python file sent as content is refused with a hint")
    func pythonSourceAsContent() {
        let outcome = Fixture.probe(##"{"content":"# %%\nimport numpy as np\n","kernel":"python3"}"##)
        #expect(outcome.problemPaths == ["/taskinfo/content"])
        #expect(outcome.problemCodes == [.wrongType])
        #expect(outcome.report.problems.first?.hint != nil)
    }

    @Test("34: a UTF-8 byte-order mark before the document is refused")
    func byteOrderMark() {
        let outcome = Fixture.probe("\u{FEFF}" + Self.nb())
        #expect(outcome.task == nil)
        #expect(outcome.problemCodes == [.invalidJSON])
    }
}
