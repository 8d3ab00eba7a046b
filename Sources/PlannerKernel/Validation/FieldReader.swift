/// Reads the members of one JSON object for a validator, recording every problem in a
/// ``ValidationReport`` instead of stopping at the first.
///
/// The reader is told the keys the object may have; any other key is an `unknown-field` problem
/// (with a "did you mean" hint for near misses). A member whose value is `null` counts as absent,
/// so YAML's `maxcores:` with nothing after it means "not given".
///
/// ```swift
/// var report = ValidationReport()
/// guard let fields = FieldReader(json, at: path, allowedKeys: ["image", "privileged"], report: &report) else { … }
/// let image = fields.string("image", required: true, report: &report)
/// let privileged = fields.bool("privileged", report: &report) ?? false
/// ```
public struct FieldReader: Sendable {
    /// The object being read.
    public let object: JSONObject
    /// Where the object is in the document.
    public let path: JSONPointer

    /// A reader for `value`, which must be an object whose keys are all in `allowedKeys`;
    /// `nil` (with a `wrong-type` problem) when it is not an object.
    public init?(
        _ value: JSONValue, at path: JSONPointer, allowedKeys: Set<String>, what: String = "an object",
        report: inout ValidationReport
    ) {
        guard case .object(let object) = value else {
            report.problem(path, .wrongType, "expected \(what), found \(value.typeDescription)")
            return nil
        }
        self.object = object
        self.path = path
        for key in object.keys where !allowedKeys.contains(key) {
            let suggestion = closestKey(to: key, among: allowedKeys)
            report.problem(
                path.appending(key), .unknownField,
                "\"\(key)\" is not a field here; the fields are \(allowedKeys.sorted().joined(separator: ", "))",
                hint: suggestion.map { "did you mean \"\($0)\"?" })
        }
    }

    /// The pointer to member `key`.
    public func pointer(_ key: String) -> JSONPointer { path.appending(key) }

    /// The raw value of `key` (absent when missing or `null`); `required` records `missing-field`.
    public func value(_ key: String, required: Bool = false, report: inout ValidationReport) -> JSONValue? {
        switch object[key] {
        case .none, .some(.null):
            if required { report.problem(pointer(key), .missingField, "\"\(key)\" is required") }
            return nil
        case .some(let value):
            return value
        }
    }

    /// A string member, at most `maxLength` characters, non-empty unless `allowEmpty`.
    public func string(
        _ key: String, required: Bool = false, maxLength: Int = 4096, allowEmpty: Bool = false,
        report: inout ValidationReport
    ) -> String? {
        guard let value = value(key, required: required, report: &report) else { return nil }
        return Self.string(value, at: pointer(key), maxLength: maxLength, allowEmpty: allowEmpty, report: &report)
    }

    /// Checks that `value` is a string within the length limit.
    public static func string(
        _ value: JSONValue, at path: JSONPointer, maxLength: Int = 4096, allowEmpty: Bool = false,
        report: inout ValidationReport
    ) -> String? {
        guard case .string(let string) = value else {
            report.problem(path, .wrongType, "expected a string, found \(value.typeDescription)")
            return nil
        }
        if string.isEmpty && !allowEmpty {
            report.problem(path, .invalidFormat, "must not be empty")
            return nil
        }
        if string.unicodeScalars.count > maxLength {
            report.problem(path, .tooLong, "is \(string.unicodeScalars.count) characters long; the limit is \(maxLength)")
            return nil
        }
        return string
    }

    /// A boolean member.
    public func bool(_ key: String, required: Bool = false, report: inout ValidationReport) -> Bool? {
        guard let value = value(key, required: required, report: &report) else { return nil }
        guard case .bool(let bool) = value else {
            report.problem(pointer(key), .wrongType, "expected true or false, found \(value.typeDescription)")
            return nil
        }
        return bool
    }

    /// An integer member within `range`.
    public func integer(
        _ key: String, required: Bool = false, in range: ClosedRange<Int64> = Int64.min...Int64.max,
        report: inout ValidationReport
    ) -> Int64? {
        guard let value = value(key, required: required, report: &report) else { return nil }
        return Self.integer(value, at: pointer(key), in: range, report: &report)
    }

    /// Checks that `value` is a JSON integer within `range`.
    public static func integer(
        _ value: JSONValue, at path: JSONPointer, in range: ClosedRange<Int64>, report: inout ValidationReport
    ) -> Int64? {
        guard case .integer(let integer) = value else {
            report.problem(path, .wrongType, "expected an integer, found \(value.typeDescription)")
            return nil
        }
        guard range.contains(integer) else {
            report.problem(path, .outOfRange, "\(integer) is outside \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return integer
    }

    /// An object member.
    public func object(_ key: String, required: Bool = false, report: inout ValidationReport) -> JSONObject? {
        guard let value = value(key, required: required, report: &report) else { return nil }
        guard case .object(let object) = value else {
            report.problem(pointer(key), .wrongType, "expected an object, found \(value.typeDescription)")
            return nil
        }
        return object
    }

    /// An array member of at most `maxCount` items.
    public func array(
        _ key: String, required: Bool = false, maxCount: Int = 1024, report: inout ValidationReport
    ) -> [JSONValue]? {
        guard let value = value(key, required: required, report: &report) else { return nil }
        guard case .array(let items) = value else {
            report.problem(pointer(key), .wrongType, "expected an array, found \(value.typeDescription)")
            return nil
        }
        guard items.count <= maxCount else {
            report.problem(pointer(key), .tooLong, "has \(items.count) items; the limit is \(maxCount)")
            return nil
        }
        return items
    }

    /// A member that is a string or an array of strings (a command line, say); a lone string
    /// becomes a one-element array.
    public func stringList(
        _ key: String, maxCount: Int = 1024, maxLength: Int = 4096, report: inout ValidationReport
    ) -> [String]? {
        guard let value = value(key, report: &report) else { return nil }
        let path = pointer(key)
        switch value {
        case .string:
            return Self.string(value, at: path, maxLength: maxLength, allowEmpty: true, report: &report).map { [$0] }
        case .array(let items):
            guard items.count <= maxCount else {
                report.problem(path, .tooLong, "has \(items.count) items; the limit is \(maxCount)")
                return nil
            }
            let strings = items.enumerated().map { offset, item in
                Self.string(item, at: path.appending(index: offset), maxLength: maxLength, allowEmpty: true, report: &report)
            }
            return strings.contains(nil) ? nil : strings.compactMap { $0 }
        default:
            report.problem(path, .wrongType, "expected a string or an array of strings, found \(value.typeDescription)")
            return nil
        }
    }

    /// Whether the member is present and not `null`.
    public func has(_ key: String) -> Bool {
        switch object[key] {
        case .none, .some(.null): false
        default: true
        }
    }
}

/// The allowed key nearest to `key` (edit distance ≤ 2, or a case-only difference), if any.
func closestKey(to key: String, among candidates: Set<String>) -> String? {
    let lowered = key.lowercased()
    if let match = candidates.first(where: { $0.lowercased() == lowered }) { return match }
    let scored = candidates.map { ($0, editDistance(lowered, $0.lowercased())) }
        .filter { $0.1 <= 2 }
        .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
    return scored.first?.0
}

/// The Levenshtein distance between two strings, by characters.
func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let left = Array(lhs)
    let right = Array(rhs)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
        current[0] = i
        for j in 1...right.count {
            let substitution = previous[j - 1] + (left[i - 1] == right[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[right.count]
}
