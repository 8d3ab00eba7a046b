public import PlannerKernel

/// JSON values that readers get wrong: wrong types, edge numbers, odd strings, empty and deep
/// containers, and mutations of a valid document. ``HandlerConformance`` reads every one of them
/// as `taskinfo` and as `settings`; a handler may also use them in its own tests.
///
/// Every value here is one the daemon's parser can produce (nesting stays within its depth limit
/// of 64), so a handler that survives the corpus survives it over HTTP too.
public enum JSONFuzzCorpus {
    /// Scalars: `null`, booleans, edge integers and reals, and strings that trip parsers
    /// (empty, blank, control characters, non-ASCII, path and URL fragments, very long).
    public static let scalars: [JSONValue] = {
        let integers: [Int64] = [0, 1, -1, 2, 65_535, 65_536, Int64(Int32.max) + 1, Int64.max, Int64.min]
        let reals: [Double] = [0.5, -0.0, 1e-300, 1e300, -1e300, 1.7976931348623157e308]
        let strings = [
            "", " ", "\t", "\n", "\u{0}", "\u{7F}", "x", "X", "é", "😀", "\u{202E}abc", "null", "true", "0", "-1",
            "1e400", "NaN", "0x10", "../../etc/passwd", "/", "//", "://", "a://b", "http://", "https://[::1", "@", "@sha256:",
            "sha256:", ":latest", "a:", "a@", "a b", "a\\b", "a\"b", "%00", "%2F", "{}", "[]", "${HOME}", "'; DROP TABLE",
            String(repeating: "a", count: 255), String(repeating: "a", count: 256), String(repeating: "a", count: 65_536),
            String(repeating: "é", count: 4_096), String(repeating: "/", count: 1_000),
        ]
        return [.null, .bool(false), .bool(true)] + integers.map(JSONValue.integer) + reals.map(JSONValue.real)
            + strings.map(JSONValue.string)
    }()

    /// Containers: empty, holding each kind of scalar, nested to the parser's limit, and large.
    public static let containers: [JSONValue] = {
        var values: [JSONValue] = [
            .array([]), .object(JSONObject()), .array([.null]), .array([.array([])]), .array([.string("")]),
            .array([.integer(1), .string("a"), .bool(true), .null]),
            .object(JSONObject([.init(key: "", value: .null)])),
            .object(JSONObject([.init(key: "\u{0}", value: .string("\u{0}"))])),
            .array((0..<1_000).map { JSONValue.integer(Int64($0)) }),
            .object(JSONObject((0..<200).map { JSONObject.Member(key: "k\($0)", value: .integer(Int64($0))) })),
        ]
        var deepArray = JSONValue.null
        var deepObject = JSONValue.null
        for _ in 0..<63 {
            deepArray = .array([deepArray])
            deepObject = .object(JSONObject([.init(key: "a", value: deepObject)]))
        }
        values += [deepArray, deepObject]
        return values
    }()

    /// The member the mutations add, which no handler should know.
    public static let unknownKey = "plannerd-fuzz-unknown"

    /// ``scalars`` followed by ``containers``.
    public static var values: [JSONValue] { scalars + containers }

    /// A change to a valid document, with a sentence naming it for messages.
    public struct Mutation: Sendable {
        /// What was changed, such as `/image replaced by 1.5`.
        public var description: String
        /// The changed document.
        public var value: JSONValue
        /// The member that changed, relative to the document (`/image`), or `nil` for a change at the root.
        public var changed: JSONPointer?
    }

    /// Mutations of an object `document`, one change each: every member removed, every member's
    /// value replaced by every corpus value, an unknown member added, and the same one level down
    /// in members that are objects. Empty when `document` is not an object.
    public static func mutations(of document: JSONValue) -> [Mutation] {
        guard case .object(let object) = document else { return [] }
        var added = object
        added[unknownKey] = .integer(1)
        var result = [Mutation(description: "an unknown member added", value: .object(added), changed: JSONPointer(tokens: [unknownKey]))]
        result += changes(of: object, under: .root, replacements: values)
        for member in object.members {
            guard case .object(let inner) = member.value else { continue }
            for change in changes(of: inner, under: JSONPointer(tokens: [member.key]), replacements: scalars) {
                var nested = object
                nested[member.key] = change.value
                result.append(Mutation(description: change.description, value: .object(nested), changed: change.changed))
            }
        }
        return result
    }

    /// For each member of `object` (at `parent`): the object without it, and with its value
    /// replaced by each of `replacements` (other than its own value).
    static func changes(of object: JSONObject, under parent: JSONPointer, replacements: [JSONValue]) -> [Mutation] {
        var result: [Mutation] = []
        for member in object.members {
            let path = parent.appending(member.key)
            var removed = object
            removed[member.key] = nil
            result.append(Mutation(description: "\(path) removed", value: .object(removed), changed: path))
            for replacement in replacements where replacement != member.value {
                var replaced = object
                replaced[member.key] = replacement
                result.append(Mutation(description: "\(path) replaced by \(summary(of: replacement))", value: .object(replaced), changed: path))
            }
        }
        return result
    }

    /// A short rendering of `value` for messages: its JSON text, cut at 40 characters.
    public static func summary(of value: JSONValue) -> String {
        let text = value.jsonText
        return text.count <= 40 ? text : "\(text.prefix(37))… (\(value.typeDescription), \(text.utf8.count) bytes)"
    }
}
