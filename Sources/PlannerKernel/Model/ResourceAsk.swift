/// The `resources` block of an ask (API.md §2): optional min/max for cores, memory and duration.
public struct ResourceAsk: Sendable, Hashable, Codable {
    /// At least this many cores.
    public var mincores: Int64?
    /// At most this many cores.
    public var maxcores: Int64?
    /// At least this much memory.
    public var minmemory: MemoryQuantity?
    /// At most this much memory.
    public var maxmemory: MemoryQuantity?
    /// At least this long.
    public var minduration: TaskDuration?
    /// At most this long.
    public var maxduration: TaskDuration?

    /// The field names, in the order of the contract.
    public static let keys = ["mincores", "maxcores", "minmemory", "maxmemory", "minduration", "maxduration"]
    /// ``keys`` as a set, built once (every ask is read against it).
    static let keySet = Set(keys)

    /// A resource ask; every bound is optional.
    public init(
        mincores: Int64? = nil, maxcores: Int64? = nil,
        minmemory: MemoryQuantity? = nil, maxmemory: MemoryQuantity? = nil,
        minduration: TaskDuration? = nil, maxduration: TaskDuration? = nil
    ) {
        self.mincores = mincores
        self.maxcores = maxcores
        self.minmemory = minmemory
        self.maxmemory = maxmemory
        self.minduration = minduration
        self.maxduration = maxduration
    }

    /// Reads and checks a `resources` object: types, grammars, `max > 0` and `min ≤ max`
    /// (reported at the min's path). Every problem goes into `report`.
    public static func read(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ResourceAsk {
        var ask = ResourceAsk()
        guard let fields = FieldReader(value, at: path, allowedKeys: keySet, report: &report) else { return ask }
        ask.mincores = cores(fields, "mincores", report: &report)
        ask.maxcores = cores(fields, "maxcores", report: &report)
        ask.minmemory = memory(fields, "minmemory", report: &report)
        ask.maxmemory = memory(fields, "maxmemory", report: &report)
        ask.minduration = duration(fields, "minduration", report: &report)
        ask.maxduration = duration(fields, "maxduration", report: &report)
        if let max = ask.maxmemory, max.bytes == 0 {
            report.problem(fields.pointer("maxmemory"), .outOfRange, "maxmemory must be greater than zero")
            ask.maxmemory = nil
        }
        if let max = ask.maxduration, max.seconds == 0 {
            report.problem(fields.pointer("maxduration"), .outOfRange, "maxduration must be greater than zero")
            ask.maxduration = nil
        }
        if let min = ask.mincores, let max = ask.maxcores, min > max {
            report.problem(fields.pointer("mincores"), .minAboveMax, "mincores (\(min)) is greater than maxcores (\(max))")
        }
        if let min = ask.minmemory, let max = ask.maxmemory, min > max {
            report.problem(fields.pointer("minmemory"), .minAboveMax,
                "minmemory (\(min.canonical)) is greater than maxmemory (\(max.canonical))")
        }
        if let min = ask.minduration, let max = ask.maxduration, min > max {
            report.problem(fields.pointer("minduration"), .minAboveMax,
                "minduration (\(min.canonical)) is greater than maxduration (\(max.canonical))")
        }
        return ask
    }

    static func cores(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> Int64? {
        guard let value = fields.value(key, report: &report) else { return nil }
        let path = fields.pointer(key)
        switch value {
        case .integer(let count) where count >= 1:
            return count
        case .integer(let count):
            report.problem(path, .outOfRange, "\(key) must be at least 1, not \(count)")
        case .real(let number):
            report.problem(path, .wrongType, "\(key) must be a whole number of cores, not \(number)",
                hint: "cores are counted in whole cores (1, 2, 8, …)")
        case .string(let text):
            report.problem(path, .wrongType, "\(key) must be a JSON integer, not the string \"\(text.prefix(40))\"",
                hint: Int64(text).map { "write \($0) without quotes" })
        default:
            report.problem(path, .wrongType, "\(key) must be an integer, found \(value.typeDescription)")
        }
        return nil
    }

    static func memory(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> MemoryQuantity? {
        guard let value = fields.value(key, report: &report) else { return nil }
        let path = fields.pointer(key)
        guard case .string(let text) = value else {
            var hint: String?
            if case .integer(let number) = value { hint = "write a string with a unit, for example \"\(number)Gi\" or \"\(number)G\"" }
            report.problem(path, .wrongType, "\(key) must be a quantity string such as \"8Gi\", found \(value.typeDescription)", hint: hint)
            return nil
        }
        do {
            return try MemoryQuantity(parsing: text)
        } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
    }

    static func duration(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> TaskDuration? {
        guard let value = fields.value(key, report: &report) else { return nil }
        let path = fields.pointer(key)
        guard case .string(let text) = value else {
            var hint: String?
            if case .integer(let number) = value { hint = "write a string with a unit, for example \"\(number)m\" or \"\(number)s\"" }
            report.problem(path, .wrongType, "\(key) must be a duration string such as \"10m\", found \(value.typeDescription)", hint: hint)
            return nil
        }
        do {
            return try TaskDuration(parsing: text)
        } catch {
            report.problems.append(error.problem(at: path))
            return nil
        }
    }
}
