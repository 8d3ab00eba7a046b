import PlannerKernel

/// The rules for the cells of an inline notebook: types, keys, ids and cell metadata.
extension NotebookDocumentValidator {
    /// The keys a code cell may have.
    static let codeCellKeys: Set<String> = ["id", "cell_type", "metadata", "source", "outputs", "execution_count"]
    /// The keys a markdown or raw cell may have.
    static let textCellKeys: Set<String> = ["id", "cell_type", "metadata", "source", "attachments"]
    /// The cell types of nbformat 4.
    static let cellTypes: Set<String> = ["code", "markdown", "raw"]

    /// Checks `cells`; returns the number of cells.
    mutating func checkCells(_ value: JSONValue, at path: JSONPointer) -> Int {
        guard case .array(let cells) = value else {
            report.problem(path, .wrongType, "expected an array of cells, found \(value.typeDescription)")
            return 0
        }
        guard cells.count <= Self.maximumCells else {
            report.problem(path, .tooLong, "the notebook has \(cells.count) cells; the limit is \(Self.maximumCells)")
            return cells.count
        }
        var ids: [String: Int] = [:]
        for (index, cell) in cells.enumerated() {
            checkCell(cell, at: path.appending(index: index), index: index, ids: &ids)
        }
        return cells.count
    }

    /// Checks one cell.
    mutating func checkCell(_ value: JSONValue, at path: JSONPointer, index: Int, ids: inout [String: Int]) {
        guard let cell = object(value, at: path, what: "a cell") else { return }
        var type: String?
        switch cell["cell_type"] {
        case nil:
            report.problem(path.appending("cell_type"), .missingField, "\"cell_type\" is required: code, markdown or raw")
        case .string(let text):
            type = text
        case .some(let other):
            report.problem(path.appending("cell_type"), .wrongType, "expected the string code, markdown or raw, found \(other.typeDescription)")
        }
        if let type, !Self.cellTypes.contains(type) {
            guard relaxed else {
                reportUnknownCellType(type, at: path.appending("cell_type"))
                return
            }
            // nbformat's "unrecognized cell" of a future minor: cell_type and metadata only.
            if let metadata = require(cell, "metadata", at: path) { checkCellMetadata(metadata, at: path.appending("metadata"), type: nil) }
            if let id = cell["id"] { checkIDValue(id, at: path.appending("id"), index: index, ids: &ids) }
            return
        }
        let allowed = type == "code" ? Self.codeCellKeys : (type == nil ? Self.codeCellKeys.union(Self.textCellKeys) : Self.textCellKeys)
        checkKeys(cell, allowed: allowed, at: path, what: "a \(type ?? "notebook") cell")
        checkID(cell, at: path, index: index, ids: &ids)
        if let metadata = require(cell, "metadata", at: path, hint: "use {} when the cell has no metadata") {
            checkCellMetadata(metadata, at: path.appending("metadata"), type: type)
        }
        if let source = require(cell, "source", at: path, hint: "use \"\" for an empty cell") {
            checkMultiline(source, at: path.appending("source"))
        }
        if type == "code" {
            if let outputs = require(cell, "outputs", at: path, hint: "use [] for a cell without outputs") {
                checkOutputs(outputs, at: path.appending("outputs"))
            }
            checkExecutionCount(cell, at: path)
        } else if type != nil, let attachments = cell["attachments"] {
            checkAttachments(attachments, at: path.appending("attachments"))
        }
    }

    /// Reports a cell type nbformat 4 does not have, with the v3 conversion where there is one.
    mutating func reportUnknownCellType(_ type: String, at path: JSONPointer) {
        let shown = "\"\(type.prefix(40))\""
        if type == "heading" {
            report.problem(path, .unknownCellType, "heading cells exist only in nbformat 3; nbformat 4 has code, markdown and raw cells",
                hint: "use a markdown cell whose source starts with '#' (one '#' per heading level)")
        } else {
            let hint = Self.cellTypes.first { $0.lowercased() == type.lowercased() }.map { "write \"\($0)\" in lower case" }
            report.problem(path, .unknownCellType, "\(shown) is not a cell type; nbformat 4 has code, markdown and raw cells", hint: hint)
        }
    }

    /// Checks the presence or absence of a cell's `id` for the notebook's minor version.
    mutating func checkID(_ cell: JSONObject, at path: JSONPointer, index: Int, ids: inout [String: Int]) {
        let idPath = path.appending("id")
        guard let minor else {
            if let id = cell["id"] { checkIDValue(id, at: idPath, index: index, ids: &ids) }
            return
        }
        if minor < 5 {
            if cell["id"] != nil {
                report.problem(idPath, .unknownField, "cell ids exist from nbformat 4.5 on; this notebook declares 4.\(minor)",
                    hint: "remove the id, or declare \"nbformat_minor\": 5 and give every cell a unique id")
            }
            return
        }
        guard let id = cell["id"] else {
            report.problem(idPath, .missingField, "from nbformat 4.5 on every cell needs an id",
                hint: "give each cell a unique id of 1 to 64 letters, digits, '-' or '_', such as \"cell-\(index + 1)\"")
            return
        }
        checkIDValue(id, at: idPath, index: index, ids: &ids)
    }

    /// Checks an id's grammar (`^[a-zA-Z0-9-_]+$`, 1–64 characters) and uniqueness.
    mutating func checkIDValue(_ value: JSONValue, at path: JSONPointer, index: Int, ids: inout [String: Int]) {
        guard case .string(let id) = value else {
            report.problem(path, .wrongType, "a cell id is a string, found \(value.typeDescription)")
            return
        }
        if id.isEmpty {
            report.problem(path, .invalidFormat, "the cell id is empty", hint: "use 1 to 64 letters, digits, '-' or '_'")
            return
        }
        if let bad = id.unicodeScalars.first(where: { !Self.isIDScalar($0) }) {
            let what = bad == " " ? "a space" : (bad.value < 0x20 || bad.value > 0x7E ? "U+\(String(bad.value, radix: 16, uppercase: true))" : "'\(bad)'")
            report.problem(path, .invalidFormat, "the cell id \"\(id.prefix(64))\" contains \(what); ids use only letters, digits, '-' and '_'",
                hint: "write \(String(id.unicodeScalars.map { Self.isIDScalar($0) ? Character($0) : "-" }).prefix(64))")
            return
        }
        if id.utf8.count > 64 {
            report.problem(path, .tooLong, "the cell id \"\(id.prefix(20))…\" is \(id.utf8.count) characters long; the limit is 64")
            return
        }
        if let first = ids[id] {
            report.problem(path, .duplicateCellID, "the cell id \"\(id)\" is already the id of cell \(first); ids must be unique",
                hint: "give this cell another id")
            return
        }
        ids[id] = index
    }

    static func isIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// Checks a cell's `metadata` (open, but with typed well-known keys); `type` is `nil` for an unrecognised cell.
    mutating func checkCellMetadata(_ value: JSONValue, at path: JSONPointer, type: String?) {
        guard let metadata = object(value, at: path, what: "the cell's metadata") else { return }
        if let name = metadata["name"], let text = string(name, at: path.appending("name")), text.isEmpty {
            report.problem(path.appending("name"), .invalidFormat, "a cell name, when given, must not be empty")
        }
        if let tags = metadata["tags"] { checkTags(tags, at: path.appending("tags")) }
        guard let type else { return }
        if rulesMinor >= 3, let jupyter = metadata["jupyter"] {
            _ = object(jupyter, at: path.appending("jupyter"), what: "the cell's jupyter metadata")
        }
        switch type {
        case "code":
            switch metadata["collapsed"] {
            case nil, .bool?: break
            case .some(let other):
                report.problem(path.appending("collapsed"), .wrongType, "expected true or false, found \(other.typeDescription)")
            }
            switch metadata["scrolled"] {
            case nil, .bool?, .string("auto")?: break
            case .some(let other):
                report.problem(path.appending("scrolled"), .wrongType, "expected true, false or \"auto\", found \(other.typeDescription)")
            }
            if rulesMinor >= 4, let execution = metadata["execution"],
                let times = object(execution, at: path.appending("execution"), what: "the cell's execution times")
            {
                for member in times.members { _ = string(member.value, at: path.appending("execution").appending(member.key)) }
            }
        case "raw":
            if let format = metadata["format"] { _ = string(format, at: path.appending("format")) }
        default:
            break
        }
    }

    /// Checks `metadata.tags`: unique, non-empty strings without commas.
    mutating func checkTags(_ value: JSONValue, at path: JSONPointer) {
        guard case .array(let tags) = value else {
            report.problem(path, .wrongType, "expected an array of tags, found \(value.typeDescription)")
            return
        }
        guard tags.count <= Self.maximumTags else {
            report.problem(path, .tooLong, "the cell has \(tags.count) tags; the limit is \(Self.maximumTags)")
            return
        }
        var seen: Set<String> = []
        for (offset, tag) in tags.enumerated() {
            let tagPath = path.appending(index: offset)
            guard let text = string(tag, at: tagPath) else { continue }
            if text.isEmpty {
                report.problem(tagPath, .invalidFormat, "a tag must not be empty")
            } else if text.contains(",") {
                let parts = text.split(separator: ",").map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")
                report.problem(tagPath, .invalidFormat, "the tag \"\(text.prefix(80))\" contains a comma, which tags may not contain",
                    hint: "split it into separate tags: \(parts)")
            } else if !seen.insert(text).inserted {
                report.problem(tagPath, .duplicateTag, "the tag \"\(text.prefix(80))\" is listed twice", hint: "remove the repeat")
            }
        }
    }
}
