import PlannerKernel

/// Validates an inline nbformat 4 document (`content`) by hand, following the nbformat 4.0–4.5
/// schemas and the checks nbformat adds to them (formats.md §3.2–§3.4), and reports every
/// problem with a pointer into the document.
///
/// The rules of the notebook's own minor version apply: cell ids are forbidden before 4.5 and
/// required (and unique) from 4.5. A minor above 5 is checked with the 4.5 rules relaxed the way
/// nbformat relaxes them (unknown keys, cell types and output types allowed), with a warning.
/// Unlike `nbformat.validate`, nothing is repaired: missing or repeated ids are problems.
struct NotebookDocumentValidator {
    /// The largest document accepted, as compact JSON.
    static let maximumSerialisedBytes = 10 * 1024 * 1024
    /// The most cells accepted.
    static let maximumCells = 10_000
    /// The most outputs accepted in one code cell.
    static let maximumOutputs = 1_000
    /// The most tags accepted on one cell.
    static let maximumTags = 256
    /// The most problems listed for one document; the rest are counted in a last problem.
    static let maximumProblems = 200
    /// The newest minor version whose rules are known.
    static let latestMinor: Int64 = 5

    /// The notebook's minor version, when it could be read.
    var minor: Int64?
    /// Whether the minor is newer than ``latestMinor`` (unknown keys and types allowed).
    var relaxed = false
    /// Problems and warnings found so far.
    var report = ValidationReport()

    /// The minor whose metadata rules apply (the latest when the minor is unknown).
    var rulesMinor: Int64 { min(minor ?? Self.latestMinor, Self.latestMinor) }

    /// Validates `value` at `path`; returns a summary when no problem was found.
    static func validate(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> NotebookContentSummary? {
        guard case .object(let document) = value else {
            let hint = value.stringValue != nil ? "put the notebook's JSON object itself here, not a string holding it" : nil
            report.problem(path, .wrongType, "expected an nbformat 4 notebook (a JSON object), found \(value.typeDescription)", hint: hint)
            return nil
        }
        let size = SerialisedSize.of(value)
        guard size <= maximumSerialisedBytes else {
            report.problem(path, .tooLong,
                "the notebook is \(size) bytes as JSON; the limit is \(maximumSerialisedBytes) bytes (10 MiB)",
                hint: "strip its outputs (jupyter nbconvert --clear-output) or publish it and give its URL")
            return nil
        }
        var validator = NotebookDocumentValidator()
        let summary = validator.checkDocument(document, at: path, size: size)
        var local = validator.report
        if local.problems.count > maximumProblems {
            let left = local.problems.count - maximumProblems
            local.problems.removeLast(left)
            local.problem(path, .tooManyProblems, "the notebook has \(left) more problems that are not listed here",
                hint: "fix the problems above and ask again, or check the notebook with nbformat first")
        }
        report.merge(local)
        return local.problems.isEmpty ? summary : nil
    }

    /// Checks the top level; returns the summary (meaningful only when no problem was found).
    mutating func checkDocument(_ document: JSONObject, at path: JSONPointer, size: Int) -> NotebookContentSummary? {
        guard checkMajor(document["nbformat"], at: path.appending("nbformat")) else { return nil }
        checkMinor(document["nbformat_minor"], at: path.appending("nbformat_minor"))
        let topKeys: Set<String> = ["metadata", "nbformat_minor", "nbformat", "cells"]
        var others = document
        others["worksheets"] = nil  // reported below with a conversion hint
        checkKeys(others, allowed: topKeys, at: path, what: "an nbformat 4 notebook")
        if document["worksheets"] != nil && !relaxed {
            report.problem(path.appending("worksheets"), .unsupportedNbformat,
                "\"worksheets\" belongs to nbformat 3; nbformat 4 keeps its cells in \"cells\"",
                hint: "convert the notebook with jupyter nbconvert --to notebook --nbformat 4")
        }
        var kernelspecName: String?
        if let metadata = require(document, "metadata", at: path) {
            kernelspecName = checkNotebookMetadata(metadata, at: path.appending("metadata"))
        }
        var cellCount = 0
        if let cells = require(document, "cells", at: path) {
            cellCount = checkCells(cells, at: path.appending("cells"))
        }
        return NotebookContentSummary(
            nbformatMinor: minor ?? Self.latestMinor, cellCount: cellCount, kernelspecName: kernelspecName, serialisedBytes: size)
    }

    /// Checks `nbformat`; `false` when the document is another major version (nothing more is checked).
    mutating func checkMajor(_ value: JSONValue?, at path: JSONPointer) -> Bool {
        switch value {
        case nil:
            report.problem(path, .missingField, "\"nbformat\" is required; an nbformat 4 notebook has \"nbformat\": 4")
        case .integer(4):
            break
        case .integer(let major) where major < 4:
            report.problem(path, .unsupportedNbformat,
                "the notebook is in the old format nbformat \(major); only nbformat 4 is accepted",
                hint: "convert it with jupyter nbconvert --to notebook --nbformat 4")
            return false
        case .integer(let major):
            report.problem(path, .unsupportedNbformat,
                "there is no nbformat \(major); the current notebook format is nbformat 4", hint: "write \"nbformat\": 4")
            return false
        case .string(let text):
            report.problem(path, .wrongType, "\"nbformat\" must be the integer 4, found the string \"\(text.prefix(20))\"",
                hint: "write 4 without quotes")
        case .some(let other):
            report.problem(path, .wrongType, "\"nbformat\" must be the integer 4, found \(other.typeDescription)")
        }
        return true
    }

    /// Checks `nbformat_minor` and chooses the rules.
    mutating func checkMinor(_ value: JSONValue?, at path: JSONPointer) {
        switch value {
        case nil:
            report.problem(path, .missingField, "\"nbformat_minor\" is required (5 for a current notebook)")
        case .integer(let number) where number < 0:
            report.problem(path, .outOfRange, "there is no nbformat 4.\(number); the minor versions are 0 to \(Self.latestMinor)")
        case .integer(let number):
            minor = number
            if number > Self.latestMinor {
                relaxed = true
                report.warning(path, .futureNbformatMinor,
                    "nbformat 4.\(number) is newer than 4.\(Self.latestMinor), the latest this planner knows; it was checked with the 4.\(Self.latestMinor) rules, allowing unknown fields, cell types and output types")
            }
        case .string(let text):
            report.problem(path, .wrongType, "\"nbformat_minor\" must be an integer, found the string \"\(text.prefix(20))\"",
                hint: "write the number without quotes")
        case .some(let other):
            report.problem(path, .wrongType, "\"nbformat_minor\" must be an integer, found \(other.typeDescription)")
        }
    }

    /// Checks the notebook's `metadata`; returns `kernelspec.name` when it is a string.
    mutating func checkNotebookMetadata(_ value: JSONValue, at path: JSONPointer) -> String? {
        guard let metadata = object(value, at: path, what: "the notebook's metadata") else { return nil }
        var kernelspecName: String?
        if let kernelspec = metadata["kernelspec"], let spec = object(kernelspec, at: path.appending("kernelspec"), what: "a kernelspec") {
            let specPath = path.appending("kernelspec")
            if let name = require(spec, "name", at: specPath) {
                kernelspecName = string(name, at: specPath.appending("name"))
            }
            if let display = require(spec, "display_name", at: specPath) { _ = string(display, at: specPath.appending("display_name")) }
        }
        if let info = metadata["language_info"], let language = object(info, at: path.appending("language_info"), what: "language_info") {
            let infoPath = path.appending("language_info")
            if let name = require(language, "name", at: infoPath) { _ = string(name, at: infoPath.appending("name")) }
            for key in ["file_extension", "mimetype", "pygments_lexer"] {
                if let member = language[key] { _ = string(member, at: infoPath.appending(key)) }
            }
            switch language["codemirror_mode"] {
            case nil, .string?, .object?: break
            case .some(let other):
                report.problem(infoPath.appending("codemirror_mode"), .wrongType, "expected a string or an object, found \(other.typeDescription)")
            }
        }
        if let original = metadata["orig_nbformat"] {
            _ = FieldReader.integer(original, at: path.appending("orig_nbformat"), in: 1...Int64.max, report: &report)
        }
        if rulesMinor >= 2 {
            if let title = metadata["title"] { _ = string(title, at: path.appending("title")) }
            if let authors = metadata["authors"], authors.arrayValue == nil {
                report.problem(path.appending("authors"), .wrongType, "expected an array of authors, found \(authors.typeDescription)")
            }
        }
        return kernelspecName
    }

    // MARK: shared helpers

    /// Reports keys outside `allowed` (unless relaxed) and a non-object.
    mutating func checkKeys(_ object: JSONObject, allowed: Set<String>, at path: JSONPointer, what: String) {
        guard !relaxed else { return }
        _ = FieldReader(.object(object), at: path, allowedKeys: allowed, what: what, report: &report)
    }

    /// The member `key`, or a `missing-field` problem. `null` is a value here (nbformat gives it meaning).
    mutating func require(_ object: JSONObject, _ key: String, at path: JSONPointer, hint: String? = nil) -> JSONValue? {
        guard let value = object[key] else {
            report.problem(path.appending(key), .missingField, "\"\(key)\" is required", hint: hint)
            return nil
        }
        return value
    }

    /// `value` as an object, or a `wrong-type` problem.
    mutating func object(_ value: JSONValue, at path: JSONPointer, what: String) -> JSONObject? {
        guard case .object(let object) = value else {
            report.problem(path, .wrongType, "expected \(what) (an object), found \(value.typeDescription)")
            return nil
        }
        return object
    }

    /// `value` as a string, or a `wrong-type` problem.
    mutating func string(_ value: JSONValue, at path: JSONPointer) -> String? {
        guard case .string(let text) = value else {
            report.problem(path, .wrongType, "expected a string, found \(value.typeDescription)")
            return nil
        }
        return text
    }
}

/// The size of a JSON value written compactly (RFC 8259 escapes), in bytes.
enum SerialisedSize {
    /// The byte count of `value` as compact JSON.
    static func of(_ value: JSONValue) -> Int {
        switch value {
        case .null: 4
        case .bool(let flag): flag ? 4 : 5
        case .integer(let number): String(number).utf8.count
        case .real(let number): String(number).utf8.count
        case .string(let text): quoted(text)
        case .array(let items): 2 + max(0, items.count - 1) + items.reduce(0) { $0 + of($1) }
        case .object(let object):
            2 + max(0, object.members.count - 1) + object.members.reduce(0) { $0 + quoted($1.key) + 1 + of($1.value) }
        }
    }

    /// The byte count of `text` as a JSON string literal.
    static func quoted(_ text: String) -> Int {
        var count = 2
        for byte in text.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: count += 2
            case ..<0x20: count += 6
            default: count += 1
            }
        }
        return count
    }
}
