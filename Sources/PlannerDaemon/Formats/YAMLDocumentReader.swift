public import PlannerKernel
import Yams

/// Reads a YAML document into a ``JSONValue`` with the same strictness as the JSON reader: one
/// document, no anchors or aliases, no duplicate keys, bounded nesting, numbers within
/// int64/double, scalars typed by the YAML core schema.
public struct YAMLDocumentReader: Sendable {
    /// The deepest nesting accepted.
    public var maximumDepth: Int

    /// A reader with the given nesting limit.
    public init(maximumDepth: Int = 64) {
        self.maximumDepth = maximumDepth
    }

    /// Parses `text`.
    /// - Throws: ``JSONParseError`` listing the problems (codes `invalid-yaml`, `duplicate-key`, …).
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        if text.hasPrefix("\u{FEFF}") {
            throw JSONParseError(problems: [Problem(path: .root, code: .invalidYAML, message: "the document starts with a byte-order mark; send plain UTF-8 without one")])
        }
        let nodes: [Node]
        do {
            let parser = try Parser(yaml: text, resolver: .default, constructor: .default)
            var collected: [Node] = []
            while let node = try parser.nextRoot() {
                collected.append(node)
                if collected.count > 1 { break }
            }
            nodes = collected
        } catch {
            throw JSONParseError(problems: [Problem(path: .root, code: .invalidYAML, message: "the YAML cannot be read: \(Self.describe(error))")])
        }
        guard nodes.count == 1, let root = nodes.first else {
            let message = nodes.isEmpty ? "the document is empty" : "only one YAML document is allowed; remove the '---' separated documents after the first"
            throw JSONParseError(problems: [Problem(path: .root, code: .invalidYAML, message: message)])
        }
        var problems: [Problem] = []
        let value = convert(root, path: .root, depth: 0, problems: &problems)
        if !problems.isEmpty { throw JSONParseError(problems: problems) }
        return value
    }

    func convert(_ node: Node, path: JSONPointer, depth: Int, problems: inout [Problem]) -> JSONValue {
        if node.anchor != nil {
            problems.append(Problem(path: path, code: .invalidYAML, message: "YAML anchors (&name) are not allowed; write the value out"))
            return .null
        }
        switch node {
        case .alias:
            problems.append(Problem(path: path, code: .invalidYAML, message: "YAML aliases (*name) are not allowed; write the value out"))
            return .null
        case .scalar(let scalar):
            return convert(scalar, path: path, problems: &problems)
        case .sequence(let sequence):
            guard depth < maximumDepth else {
                problems.append(Problem(path: path, code: .tooDeep, message: "the document nests deeper than \(maximumDepth) levels"))
                return .null
            }
            return .array(sequence.enumerated().map { offset, item in
                convert(item, path: path.appending(index: offset), depth: depth + 1, problems: &problems)
            })
        case .mapping(let mapping):
            guard depth < maximumDepth else {
                problems.append(Problem(path: path, code: .tooDeep, message: "the document nests deeper than \(maximumDepth) levels"))
                return .null
            }
            var members: [JSONObject.Member] = []
            var seen = Set<String>()
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode, keyNode.anchor == nil else {
                    problems.append(Problem(path: path, code: .invalidYAML, message: "mapping keys must be plain strings"))
                    continue
                }
                let key = keyScalar.string
                let memberPath = path.appending(key)
                let value = convert(valueNode, path: memberPath, depth: depth + 1, problems: &problems)
                if seen.insert(key).inserted {
                    members.append(JSONObject.Member(key: key, value: value))
                } else {
                    problems.append(Problem(path: memberPath, code: .duplicateKey, message: "the key \"\(key)\" appears more than once in the same mapping"))
                }
            }
            return .object(JSONObject(members))
        }
    }

    func convert(_ scalar: Node.Scalar, path: JSONPointer, problems: inout [Problem]) -> JSONValue {
        let node = Node.scalar(scalar)
        switch Tag.Name(rawValue: scalar.tag.rawValue) {
        case .null:
            return .null
        case .bool:
            if let bool = node.bool { return .bool(bool) }
        case .int:
            if let integer = Int64(scalar.string) { return .integer(integer) }
            if let integer = node.int { return .integer(Int64(integer)) }
            problems.append(Problem(path: path, code: .numberOutOfRange, message: "the integer \(scalar.string.prefix(40)) is outside the 64-bit range"))
            return .null
        case .float:
            if let real = node.float, real.isFinite { return .real(real) }
            problems.append(Problem(path: path, code: .numberOutOfRange, message: "the number \(scalar.string.prefix(40)) is outside the range of a double"))
            return .null
        default:
            break
        }
        return .string(scalar.string)
    }

    static func describe(_ error: any Error) -> String {
        if let yaml = error as? YamlError { return "\(yaml)".split(separator: "\n").first.map(String.init) ?? "syntax error" }
        return "syntax error"
    }
}
