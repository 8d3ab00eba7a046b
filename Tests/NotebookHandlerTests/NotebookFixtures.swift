import NotebookHandler
import PlannerKernel
import PlannerKernelTesting

/// Builders for the test documents of formats.md §3.4 and §3.6.
enum Fixture {
    static let handler = NotebookTaskType()

    /// The code cell of formats.md §3.4.
    static let codeCell = #"{"id":"c1","cell_type":"code","metadata":{},"source":"print(1)","outputs":[],"execution_count":null}"#

    /// An nbformat 4 document with the given parts (JSON text).
    static func notebook(
        major: String = "4", minor: String = "5", metadata: String = "{}", cells: [String] = [], extra: String = ""
    ) -> String {
        #"{"nbformat":\#(major),"nbformat_minor":\#(minor),"metadata":\#(metadata),"cells":[\#(cells.joined(separator: ","))]\#(extra)}"#
    }

    /// A `taskinfo` holding `content` and, by default, `"kernel": "python3"`.
    static func contentTask(_ content: String, kernel: String? = "python3") -> String {
        #"{"content":\#(content)\#(kernel.map { #","kernel":"\#($0)""# } ?? "")}"#
    }

    /// A taskinfo naming `url` as `notebook`.
    static func urlTask(_ url: String) -> String { #"{"notebook":"\#(url)"}"# }

    /// Probes a taskinfo given as JSON text.
    static func probe(_ json: String) -> TaskInfoOutcome<NotebookTaskType> { handler.probeTaskInfo(json) }

    /// The policy reasons for a taskinfo that must be valid, under `settings` (JSON text, `nil` for none).
    static func reasons(_ json: String, settings: String? = nil) -> [Reason] {
        guard let task = probe(json).task, let settings = handler.probeSettings(settings).settings else { return [] }
        return handler.policyReasons(for: task, settings: settings, taskInfoPath: JSONPointer(tokens: ["taskinfo"]))
    }

    /// The serviceinfo of a valid taskinfo as JSON.
    static func serviceInfo(_ json: String, settings: String? = nil) -> JSONValue? {
        guard let task = probe(json).task, let settings = handler.probeSettings(settings).settings else { return nil }
        return try? JSONValue(encoding: handler.serviceInfo(for: task, endpoint: "http://example.org/jupyter", settings: settings))
    }

    /// `value` with every object's members sorted by key, so that encoder order does not matter.
    static func sorted(_ value: JSONValue?) -> JSONValue? {
        switch value {
        case .object(let object)?:
            return .object(JSONObject(object.members.sorted { $0.key < $1.key }.map { .init(key: $0.key, value: sorted($0.value) ?? .null) }))
        case .array(let items)?:
            return .array(items.map { sorted($0) ?? .null })
        default:
            return value
        }
    }
}

/// One test vector: a taskinfo and the one problem (path and code) it must produce, or none.
struct Vector: CustomTestStringConvertible, Sendable {
    let name: String
    let taskInfo: String
    let path: String?
    let code: ProblemCode?

    /// A vector that must be accepted.
    static func valid(_ name: String, _ taskInfo: String) -> Vector { Vector(name: name, taskInfo: taskInfo, path: nil, code: nil) }

    /// A vector that must produce exactly one problem.
    static func invalid(_ name: String, _ taskInfo: String, _ path: String, _ code: ProblemCode) -> Vector {
        Vector(name: name, taskInfo: taskInfo, path: path, code: code)
    }

    var testDescription: String { name }
}

import Testing

extension Vector {
    /// Checks the outcome of this vector.
    func check() {
        let outcome = Fixture.probe(taskInfo)
        if let path, let code {
            #expect(outcome.task == nil, "\(name) was accepted")
            #expect(outcome.problemPaths == [path], "\(name): \(outcome.report.problems)")
            #expect(outcome.problemCodes == [code], "\(name): \(outcome.report.problems)")
        } else {
            #expect(outcome.task != nil, "\(name): \(outcome.report.problems)")
            #expect(outcome.report.problems.isEmpty, "\(name): \(outcome.report.problems)")
        }
    }
}
