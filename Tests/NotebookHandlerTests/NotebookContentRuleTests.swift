import NotebookHandler
import PlannerKernel
import PlannerKernelTesting
import Testing

/// The content rules beyond the §3.4 table: several problems at once, limits, kernels, relaxed minors.
@Suite("Inline notebook rules")
struct NotebookContentRuleTests {
    static let c = "/taskinfo/content"

    static func nb(_ minor: String = "5", metadata: String = "{}", cells: [String] = [], extra: String = "") -> String {
        Fixture.contentTask(Fixture.notebook(minor: minor, metadata: metadata, cells: cells, extra: extra))
    }

    static let vectors: [Vector] = [
        .invalid("unknown cell type", nb(cells: [#"{"id":"x","cell_type":"widget","metadata":{},"source":""}"#]), "\(c)/cells/0/cell_type", .unknownCellType),
        .valid("unknown cell type in a future minor", nb("6", cells: [#"{"cell_type":"widget","metadata":{},"payload":1}"#])),
        .invalid("unknown cell type in a future minor still needs metadata", nb("6", cells: [#"{"cell_type":"widget"}"#]), "\(c)/cells/0/metadata", .missingField),
        .valid("unknown output type in a future minor", nb("7", cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"hologram"}],"execution_count":null,"x":1}"#])),
        .invalid("pyerr output", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"pyerr"}],"execution_count":null}"#]), "\(c)/cells/0/outputs/0/output_type", .unknownOutputType),
        .invalid("v3 worksheets", nb(extra: #","worksheets":[]"#), "\(c)/worksheets", .unsupportedNbformat),
        .invalid("duplicate tag", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{"tags":["a","a"]},"source":"","outputs":[],"execution_count":null}"#]), "\(c)/cells/0/metadata/tags/1", .duplicateTag),
        .invalid("scrolled must be a boolean or auto", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{"scrolled":"yes"},"source":"","outputs":[],"execution_count":null}"#]), "\(c)/cells/0/metadata/scrolled", .wrongType),
        .invalid("4.4 execution times are strings", nb("4", cells: [#"{"cell_type":"code","metadata":{"execution":{"iopub.status.busy":1}},"source":"","outputs":[],"execution_count":null}"#]), "\(c)/cells/0/metadata/execution/iopub.status.busy", .wrongType),
        .valid("4.3 has no execution metadata rule", nb("3", cells: [#"{"cell_type":"code","metadata":{"execution":{"iopub.status.busy":1}},"source":"","outputs":[],"execution_count":null}"#])),
        .valid("application/json data may be any JSON", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"display_data","data":{"application/vnd.foo+json":{"a":[1]},"text/plain":["x"]},"metadata":{}}],"execution_count":null}"#])),
        .invalid("text data must be a string", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"display_data","data":{"text/plain":2},"metadata":{}}],"execution_count":null}"#]), "\(c)/cells/0/outputs/0/data/text~1plain", .wrongType),
        .invalid("error traceback lines are strings", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"error","ename":"E","evalue":"v","traceback":["a",1]}],"execution_count":null}"#]), "\(c)/cells/0/outputs/0/traceback/1", .wrongType),
        .valid("markdown attachments", nb(cells: [#"{"id":"m1","cell_type":"markdown","metadata":{},"source":"![x](attachment:x.png)","attachments":{"x.png":{"image/png":"iVBOR"}}}"#])),
        .invalid("execute_result without execution_count", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":{},"source":"","outputs":[{"output_type":"execute_result","data":{},"metadata":{}}],"execution_count":1}"#]), "\(c)/cells/0/outputs/0/execution_count", .missingField),
        .invalid("metadata null is not an object", nb(cells: [#"{"id":"c1","cell_type":"code","metadata":null,"source":"","outputs":[],"execution_count":null}"#]), "\(c)/cells/0/metadata", .wrongType),
        .invalid("orig_nbformat below 1", nb(metadata: #"{"orig_nbformat":0}"#), "\(c)/metadata/orig_nbformat", .outOfRange),
        .invalid("content without any kernel", Fixture.contentTask(Fixture.notebook(), kernel: nil), "/taskinfo/kernel", .missingField),
        .valid("content with a kernelspec needs no kernel", Fixture.contentTask(Fixture.notebook(metadata: #"{"kernelspec":{"name":"python3","display_name":"Python 3"}}"#), kernel: nil)),
        .invalid("a kernelspec name that is a display name", Fixture.contentTask(Fixture.notebook(metadata: #"{"kernelspec":{"name":"Python 3","display_name":"Python 3"}}"#), kernel: nil), "\(c)/metadata/kernelspec/name", .invalidFormat),
        .valid("kernel overrides a bad kernelspec name", Fixture.contentTask(Fixture.notebook(metadata: #"{"kernelspec":{"name":"Python 3","display_name":"Python 3"}}"#), kernel: "python3")),
        .invalid("content given as an array", #"{"content":[],"kernel":"python3"}"#, c, .wrongType),
    ]

    @Test("vector", arguments: vectors)
    func vector(_ vector: Vector) { vector.check() }

    @Test("every problem of a notebook at once")
    func severalProblems() {
        let cells = [
            #"{"cell_type":"code","metadata":{},"source":42,"outputs":[{"output_type":"stream","text":"x"}],"execution_count":-2}"#,
            #"{"id":"a b","cell_type":"markdown","metadata":{"tags":["x,y"]},"source":"","outputs":[]}"#,
            #"{"id":"c1","cell_type":"heading","metadata":{},"source":""}"#,
        ]
        let outcome = Fixture.probe(Self.nb(metadata: #"{"kernelspec":{"name":"python3"}}"#, cells: cells, extra: #","foo":true"#))
        #expect(outcome.problemPaths.sorted() == [
            "\(Self.c)/cells/0/execution_count", "\(Self.c)/cells/0/id", "\(Self.c)/cells/0/outputs/0/name", "\(Self.c)/cells/0/source",
            "\(Self.c)/cells/1/id", "\(Self.c)/cells/1/metadata/tags/0", "\(Self.c)/cells/1/outputs", "\(Self.c)/cells/2/cell_type",
            "\(Self.c)/foo", "\(Self.c)/metadata/kernelspec/display_name",
        ])
    }

    @Test("a notebook's problems are capped, with a count of the rest")
    func problemCap() {
        let cell = #"{"cell_type":"code","metadata":{},"source":"","outputs":[],"execution_count":null}"#
        let outcome = Fixture.probe(Self.nb(cells: Array(repeating: cell, count: 250)))
        #expect(outcome.report.problems.count == 201)
        #expect(outcome.problemCodes.last == .tooManyProblems)
        #expect(outcome.report.problems.last?.message.contains("50 more") == true)
    }

    @Test("a notebook larger than 10 MiB is refused before it is checked")
    func sizeLimit() {
        let big = JSONValue.string(String(repeating: "x", count: 10 * 1024 * 1024))
        let content: JSONValue = ["nbformat": 4, "nbformat_minor": 5, "metadata": [:], "cells": [
            ["id": "c1", "cell_type": "markdown", "metadata": [:], "source": big],
        ]]
        let outcome = Fixture.handler.probeTaskInfo(["content": content, "kernel": "python3"])
        #expect(outcome.problemPaths == [Self.c])
        #expect(outcome.problemCodes == [.tooLong])
    }

    @Test("the summary of a valid notebook")
    func summary() throws {
        let task = try #require(Fixture.probe(Self.nb("4", metadata: #"{"kernelspec":{"name":"ir","display_name":"R"}}"#, cells: [
            #"{"cell_type":"markdown","metadata":{},"source":""}"#,
        ])).task)
        guard case .content(let summary) = task.source else {
            Issue.record("expected inline content")
            return
        }
        #expect(summary.nbformatMinor == 4)
        #expect(summary.cellCount == 1)
        #expect(summary.kernelspecName == "ir")
        #expect(task.kernel == NotebookKernelChoice(name: "python3", origin: .taskInfo))
    }
}
