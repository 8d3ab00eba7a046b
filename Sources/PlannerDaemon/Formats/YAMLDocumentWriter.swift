public import PlannerKernel
import Yams

/// Writes a ``JSONValue`` as a YAML 1.2 document in block style, members in order.
///
/// Strings are always double-quoted, so no string can be read back as a number, a boolean or
/// `null` (`"1.0"`, `"yes"`, `""` stay strings); numbers, booleans and `null` are plain. Reading the
/// output with ``YAMLDocumentReader`` gives the value back.
public struct YAMLDocumentWriter: Sendable {
    /// A writer.
    public init() {}

    /// The YAML text of `value`, ending with a line break.
    public func write(_ value: JSONValue) -> String {
        do {
            return try Yams.serialize(node: node(value), width: -1, allowUnicode: true)
        } catch {
            // libyaml refuses only events out of order, which a tree cannot produce; JSON is YAML 1.2.
            return String(decoding: value.serialized(), as: UTF8.self) + "\n"
        }
    }

    func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: .scalar(.init("null", .implicit, .plain))
        case .bool(let flag): .scalar(.init(flag ? "true" : "false", .implicit, .plain))
        case .integer, .real: .scalar(.init(String(decoding: value.serialized(), as: UTF8.self), .implicit, .plain))
        case .string(let text): .scalar(.init(text, .implicit, .doubleQuoted))
        case .array(let items): .sequence(.init(items.map(node), .implicit, items.isEmpty ? .flow : .block))
        case .object(let object):
            .mapping(.init(object.members.map { (Node.scalar(.init($0.key, .implicit, Self.keyStyle($0.key))), node($0.value)) },
                .implicit, object.isEmpty ? .flow : .block))
        }
    }

    /// Keys made of letters, digits, `_` and `-` (starting with a letter) are written plain unless
    /// the core schema would read them as something else (`true`, `null`); others are quoted.
    static func keyStyle(_ key: String) -> Node.Scalar.Style {
        guard let first = key.utf8.first, (first | 0x20) >= UInt8(ascii: "a"), (first | 0x20) <= UInt8(ascii: "z") else { return .doubleQuoted }
        let plain = key.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "_"), UInt8(ascii: "-"): true
            default: false
            }
        }
        return plain && !reservedWords.contains(key) ? .plain : .doubleQuoted
    }

    /// Plain words the YAML 1.2 core schema (or a YAML 1.1 reader) would not read as a string.
    static let reservedWords: Set<String> = [
        "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
    ]
}
