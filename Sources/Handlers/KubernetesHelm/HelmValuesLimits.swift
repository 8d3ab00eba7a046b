import PlannerKernel

/// The limits on a task's `values` (the chart's overrides): a JSON object of at most 1 MiB when
/// serialised compactly, nested at most 32 deep. Values may hold secrets, so nothing here ever
/// repeats their content.
public enum HelmValuesLimits {
    /// The largest serialised size, in bytes.
    public static let maximumBytes = 1_048_576
    /// The deepest nesting (`{"a": 1}` is 1 deep).
    public static let maximumDepth = 32

    /// Reads `value` as `values` at `path`: the object, or `nil` with problems in `report`.
    static func read(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> JSONObject? {
        guard case .object(let object) = value else {
            let hint: String? = if case .string = value {
                "write values as a JSON object, such as {\"replicaCount\": 2}; --set syntax (a.b=c) and YAML text are not read"
            } else {
                "write values as a JSON object, such as {\"replicaCount\": 2}"
            }
            report.problem(path, .wrongType, "values must be a JSON object of chart settings, found \(value.typeDescription)", hint: hint)
            return nil
        }
        var budget = maximumBytes
        let depth = measure(value, depth: 1, budget: &budget)
        var valid = true
        if depth > maximumDepth {
            report.problem(path, .tooDeep, "values nest more than \(maximumDepth) levels deep; the limit is \(maximumDepth)")
            valid = false
        }
        if budget < 0 {
            report.problem(path, .tooLong, "values are larger than \(maximumBytes) bytes (1 MiB) when serialised; the limit is 1 MiB",
                hint: "ship large configuration inside the chart, or in a ConfigMap the chart reads")
            valid = false
        }
        return valid ? object : nil
    }

    /// The nesting depth of `value` at `depth` (stopping below the limit), charging its compact
    /// JSON size to `budget` (stopping once it is spent).
    private static func measure(_ value: JSONValue, depth: Int, budget: inout Int) -> Int {
        switch value {
        case .null: budget -= 4
        case .bool(let bool): budget -= bool ? 4 : 5
        case .integer(let integer): budget -= String(integer).utf8.count
        case .real(let real): budget -= "\(real)".utf8.count
        case .string(let string): budget -= serialisedLength(of: string)
        case .array(let items):
            budget -= 1 + max(items.count, 1)
            guard depth <= maximumDepth else { return depth }
            var deepest = depth
            for item in items where budget >= 0 {
                deepest = max(deepest, measure(item, depth: depth + 1, budget: &budget))
                if deepest > maximumDepth { return deepest }
            }
            return deepest
        case .object(let object):
            budget -= 1 + max(object.members.count, 1)
            guard depth <= maximumDepth else { return depth }
            var deepest = depth
            for member in object.members where budget >= 0 {
                budget -= serialisedLength(of: member.key) + 1
                deepest = max(deepest, measure(member.value, depth: depth + 1, budget: &budget))
                if deepest > maximumDepth { return deepest }
            }
            return deepest
        }
        return depth - 1
    }

    /// The length of `string` as a JSON string literal: quotes, escapes and UTF-8 bytes.
    private static func serialisedLength(of string: String) -> Int {
        var length = 2
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: length += 2
            case 0..<0x20: length += 6
            default: length += 1
            }
        }
        return length
    }
}
