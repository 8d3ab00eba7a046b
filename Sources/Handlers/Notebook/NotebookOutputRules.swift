import PlannerKernel

/// The rules for code-cell outputs, mime bundles, attachments, multiline strings and execution counts.
extension NotebookDocumentValidator {
    /// The output types of nbformat 4 and the keys each may have (all required).
    static let outputKeys: [String: Set<String>] = [
        "execute_result": ["output_type", "data", "metadata", "execution_count"],
        "display_data": ["output_type", "data", "metadata"],
        "stream": ["output_type", "name", "text"],
        "error": ["output_type", "ename", "evalue", "traceback"],
    ]

    /// The nbformat 3 output types and their nbformat 4 names.
    static let version3OutputTypes: [String: String] = ["pyout": "execute_result", "pyerr": "error"]

    /// Checks a code cell's `outputs`.
    mutating func checkOutputs(_ value: JSONValue, at path: JSONPointer) {
        guard case .array(let outputs) = value else {
            report.problem(path, .wrongType, "expected an array of outputs, found \(value.typeDescription)", hint: "use [] for a cell without outputs")
            return
        }
        guard outputs.count <= Self.maximumOutputs else {
            report.problem(path, .tooLong, "the cell has \(outputs.count) outputs; the limit is \(Self.maximumOutputs)")
            return
        }
        for (offset, output) in outputs.enumerated() { checkOutput(output, at: path.appending(index: offset)) }
    }

    /// Checks one output.
    mutating func checkOutput(_ value: JSONValue, at path: JSONPointer) {
        guard let output = object(value, at: path, what: "an output") else { return }
        let typePath = path.appending("output_type")
        let type: String
        switch output["output_type"] {
        case nil:
            report.problem(typePath, .missingField, "\"output_type\" is required: execute_result, display_data, stream or error")
            return
        case .string(let text):
            type = text
        case .some(let other):
            report.problem(typePath, .wrongType, "expected the string execute_result, display_data, stream or error, found \(other.typeDescription)")
            return
        }
        guard let keys = Self.outputKeys[type] else {
            if relaxed { return }  // nbformat's "unrecognized output" of a future minor
            if let modern = Self.version3OutputTypes[type] {
                report.problem(typePath, .unknownOutputType, "\"\(type)\" is the nbformat 3 name of this output type",
                    hint: "nbformat 4 calls it \(modern); convert the notebook with jupyter nbconvert --to notebook --nbformat 4")
            } else {
                report.problem(typePath, .unknownOutputType,
                    "\"\(type.prefix(40))\" is not an output type; nbformat 4 has execute_result, display_data, stream and error")
            }
            return
        }
        checkKeys(output, allowed: keys, at: path, what: "a \(type) output")
        switch type {
        case "execute_result", "display_data":
            if let data = require(output, "data", at: path) { checkMimeBundle(data, at: path.appending("data")) }
            if let metadata = require(output, "metadata", at: path, hint: "use {} when the output has no metadata") {
                _ = object(metadata, at: path.appending("metadata"), what: "the output's metadata")
            }
            if type == "execute_result" { checkExecutionCount(output, at: path) }
        case "stream":
            if let name = require(output, "name", at: path, hint: "stdout or stderr") { _ = string(name, at: path.appending("name")) }
            if let text = require(output, "text", at: path) { checkMultiline(text, at: path.appending("text")) }
        default:  // error
            if let name = require(output, "ename", at: path) { _ = string(name, at: path.appending("ename")) }
            if let text = require(output, "evalue", at: path) { _ = string(text, at: path.appending("evalue")) }
            if let traceback = require(output, "traceback", at: path) {
                if case .array(let lines) = traceback {
                    for (offset, line) in lines.enumerated() { _ = string(line, at: path.appending("traceback").appending(index: offset)) }
                } else {
                    report.problem(path.appending("traceback"), .wrongType, "expected an array of strings, found \(traceback.typeDescription)")
                }
            }
        }
    }

    /// Checks a mime bundle: mimetype → multiline string, any JSON for `application/…json` types.
    mutating func checkMimeBundle(_ value: JSONValue, at path: JSONPointer) {
        guard let bundle = object(value, at: path, what: "a mime bundle") else { return }
        guard !relaxed else { return }
        for member in bundle.members where !Self.isJSONMimeType(member.key) {
            checkMultiline(member.value, at: path.appending(member.key))
        }
    }

    /// Whether `mimeType` is `application/json` or `application/…+json` (whose values may be any JSON).
    static func isJSONMimeType(_ mimeType: String) -> Bool {
        guard mimeType.hasPrefix("application/") else { return false }
        let subtype = mimeType.dropFirst("application/".count)
        return subtype == "json" || subtype.hasSuffix("+json")
    }

    /// Checks a markdown or raw cell's `attachments`: file name → mime bundle.
    mutating func checkAttachments(_ value: JSONValue, at path: JSONPointer) {
        guard let attachments = object(value, at: path, what: "the cell's attachments") else { return }
        for member in attachments.members { checkMimeBundle(member.value, at: path.appending(member.key)) }
    }

    /// Checks a multiline string: a string or an array of strings.
    mutating func checkMultiline(_ value: JSONValue, at path: JSONPointer) {
        switch value {
        case .string:
            break
        case .array(let lines):
            for (offset, line) in lines.enumerated() where line.stringValue == nil {
                report.problem(path.appending(index: offset), .wrongType, "expected a string (one line), found \(line.typeDescription)")
            }
        default:
            report.problem(path, .wrongType, "expected a string or an array of strings, found \(value.typeDescription)")
        }
    }

    /// Checks the `execution_count` of a code cell or execute_result: present, an integer ≥ 0 or `null`.
    mutating func checkExecutionCount(_ object: JSONObject, at path: JSONPointer) {
        let countPath = path.appending("execution_count")
        switch object["execution_count"] {
        case nil:
            report.problem(countPath, .missingField, "\"execution_count\" is required (null when the cell has not run)",
                hint: "write \"execution_count\": null")
        case .null?:
            break
        case .integer(let count)? where count < 0:
            report.problem(countPath, .outOfRange, "the execution count \(count) is below 0", hint: "use null for a cell that has not run")
        case .integer?:
            break
        case .some(let other):
            report.problem(countPath, .wrongType, "expected an integer of 0 or more, or null, found \(other.typeDescription)")
        }
    }
}
