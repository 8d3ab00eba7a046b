import Foundation
public import PlannerKernel

/// A service's `capacity` block (API.md §7): the pool all holds and bookings share, and the
/// capacity set aside outside plannerd (`reserved`: maintenance, bookings made elsewhere).
public struct CapacityConfiguration: Sendable, Hashable {
    /// The pool.
    public var pool: ServiceCapacity
    /// Periods set aside.
    public var reserved: [ReservedPeriod]

    /// A capacity block.
    public init(pool: ServiceCapacity, reserved: [ReservedPeriod] = []) {
        self.pool = pool
        self.reserved = reserved
    }

    /// Reads `capacity: { cores, memory, reserved: [{start, end, cores, memory}] }`.
    static func read(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> CapacityConfiguration? {
        let before = report.problems.count
        guard let fields = FieldReader(value, at: path, allowedKeys: ["cores", "memory", "reserved"], report: &report) else { return nil }
        let cores = fields.integer("cores", in: 1...100_000_000, report: &report)
        let memory = ConfigurationReader.quantity(fields, "memory", report: &report)
        if memory?.bytes == 0 { report.problem(fields.pointer("memory"), .outOfRange, "the memory pool must be greater than zero") }
        if cores == nil && memory == nil && report.problems.count == before {
            report.problem(path, .missingField, "a capacity block needs cores, memory or both", hint: "leave capacity out for a service without a pool")
        }
        var reserved: [ReservedPeriod] = []
        for (offset, item) in (fields.array("reserved", maxCount: 10_000, report: &report) ?? []).enumerated() {
            if let period = readPeriod(item, at: fields.pointer("reserved").appending(index: offset), report: &report) { reserved.append(period) }
        }
        guard report.problems.count == before else { return nil }
        return CapacityConfiguration(pool: ServiceCapacity(cores: cores, memory: memory), reserved: reserved)
    }

    static func readPeriod(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ReservedPeriod? {
        let before = report.problems.count
        guard let fields = FieldReader(value, at: path, allowedKeys: ["start", "end", "cores", "memory"], report: &report) else { return nil }
        let start = instant(fields, "start", report: &report)
        let end = instant(fields, "end", report: &report)
        let cores = fields.integer("cores", in: 0...100_000_000, report: &report) ?? 0
        let memory = ConfigurationReader.quantity(fields, "memory", report: &report)?.bytes ?? 0
        if let start, let end, end <= start { report.problem(fields.pointer("end"), .outOfRange, "a reserved period must end after it starts") }
        guard report.problems.count == before, let start, let end else { return nil }
        return ReservedPeriod(start: start, end: end, amount: CapacityTimeline.Amount(cores: cores, memory: memory))
    }

    static func instant(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> Int64? {
        guard let text = fields.string(key, required: true, maxLength: 64, report: &report) else { return nil }
        guard let date = RFC3339.parse(text) else {
            report.problem(fields.pointer(key), .invalidFormat, "\"\(text)\" is not an RFC 3339 date-time", hint: "write for example 2026-12-01T10:00:00Z")
            return nil
        }
        return Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
