public import PlannerKernel
import Yams

/// Reads a YAML document into a ``JSONValue`` with the same strictness as the JSON reader: one
/// document, no anchors or aliases, no duplicate keys, bounded nesting, numbers within
/// int64/double, scalars typed by the YAML 1.2 core schema (so `yes`, `on`, `0b101` and `1:30` stay
/// strings, as they would in JSON, rather than YAML 1.1's booleans and numbers).
public struct YAMLDocumentReader: Sendable {
    /// The YAML 1.2 core schema's tag resolution (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
    /// Yams's default resolver follows YAML 1.1, where `no` is `false` and `0777` octal.
    static let coreSchema: Resolver = {
        do {
            return try Resolver.basic
                .appending(.null, "^(?:~|null|Null|NULL|)$")
                .appending(.bool, "^(?:true|True|TRUE|false|False|FALSE)$")
                .appending(.int, "^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
                .appending(.float, "^(?:[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$")
        } catch {
            preconditionFailure("the core schema's patterns are valid regular expressions: \(error)")
        }
    }()

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
        // The parser must outlive the conversion: nodes refer to their anchors weakly, and the
        // parser is what keeps the anchors alive.
        var parser: Parser?
        var nodes: [Node] = []
        do {
            let reading = try Parser(yaml: text, resolver: Self.coreSchema, constructor: .default)
            parser = reading
            while let node = try reading.nextRoot() {
                nodes.append(node)
                if nodes.count > 1 { break }
            }
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Yams refuses duplicate keys while composing, before the path is known: name the
            // key and where it is written.
            let keys = duplicates.sorted().map { "\"\($0.prefix(80))\"" }.joined(separator: ", ")
            throw JSONParseError(problems: [Problem(
                path: .root, code: .duplicateKey,
                message: "the key \(keys) appears more than once in the same mapping (first at line \(context.mark.line), column \(context.mark.column))",
                hint: "keep one of them")])
        } catch {
            throw JSONParseError(problems: [Problem(path: .root, code: .invalidYAML, message: "the YAML cannot be read: \(Self.describe(error))")])
        }
        guard nodes.count == 1, let root = nodes.first else {
            let message = nodes.isEmpty ? "the document is empty" : "only one YAML document is allowed; remove the '---' separated documents after the first"
            throw JSONParseError(problems: [Problem(path: .root, code: .invalidYAML, message: message)])
        }
        var problems: [Problem] = []
        var anchors: Set<ObjectIdentifier> = []
        let value = convert(root, path: .root, depth: 0, anchors: &anchors, problems: &problems)
        withExtendedLifetime(parser) {}
        if !problems.isEmpty { throw JSONParseError(problems: problems) }
        return value
    }

    /// Converts `node`. Yams resolves an alias to the node it names, anchor included, so the
    /// first node seen with an anchor is the anchor and any later one an alias.
    func convert(_ node: Node, path: JSONPointer, depth: Int, anchors: inout Set<ObjectIdentifier>, problems: inout [Problem]) -> JSONValue {
        if let anchor = node.anchor {
            if anchors.insert(ObjectIdentifier(anchor)).inserted {
                problems.append(Problem(path: path, code: .invalidYAML, message: "YAML anchors (&name) are not allowed; write the value out"))
            } else {
                problems.append(Problem(path: path, code: .invalidYAML, message: "YAML aliases (*name) are not allowed; write the value out"))
            }
            return .null
        }
        switch node {
        case .alias:
            problems.append(Problem(path: path, code: .invalidYAML, message: "YAML aliases (*name) are not allowed; write the value out"))
            return .null
        case .scalar(let scalar):
            return convert(scalar, tag: Tag.Name(rawValue: node.tag.rawValue), path: path, problems: &problems)
        case .sequence(let sequence):
            guard depth < maximumDepth else {
                problems.append(Problem(path: path, code: .tooDeep, message: "the document nests deeper than \(maximumDepth) levels"))
                return .null
            }
            return .array(sequence.enumerated().map { offset, item in
                convert(item, path: path.appending(index: offset), depth: depth + 1, anchors: &anchors, problems: &problems)
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
                let value = convert(valueNode, path: memberPath, depth: depth + 1, anchors: &anchors, problems: &problems)
                if seen.insert(key).inserted {
                    members.append(JSONObject.Member(key: key, value: value))
                } else {
                    problems.append(Problem(path: memberPath, code: .duplicateKey, message: "the key \"\(key)\" appears more than once in the same mapping"))
                }
            }
            return .object(JSONObject(members))
        }
    }

    /// Converts a scalar whose resolved tag is `tag` (`scalar.tag` itself is the unresolved one).
    func convert(_ scalar: Node.Scalar, tag: Tag.Name, path: JSONPointer, problems: inout [Problem]) -> JSONValue {
        let node = Node.scalar(scalar)
        switch tag {
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
