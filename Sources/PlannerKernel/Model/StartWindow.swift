public import Foundation

/// A window in which a task may start: `[start, end)`, read from an ISO 8601 interval
/// (`2026-12-01T10:00:00Z/PT2H` or `2026-12-01T10:00:00Z/2026-12-01T12:00:00Z`).
public struct StartWindow: Sendable, Hashable {
    /// The earliest start.
    public var start: Date
    /// The end of the window (exclusive).
    public var end: Date

    /// A window.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Parses an interval, or throws why it is unusable.
    public init(parsing text: String) throws(FormatError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw FormatError(message: "\"\(text.prefix(80))\" is not an interval",
                hint: "write start/duration or start/end, for example 2026-12-01T10:00:00Z/PT2H")
        }
        guard let start = RFC3339.parse(String(parts[0])) else {
            throw FormatError(message: "\"\(parts[0].prefix(40))\" is not an RFC 3339 date-time",
                hint: "write for example 2026-12-01T10:00:00Z (with a time zone)")
        }
        let second = String(parts[1])
        let end: Date
        if second.hasPrefix("P") {
            let length = try TaskDuration(parsing: second)
            end = start.addingTimeInterval(TimeInterval(length.seconds))
        } else if let date = RFC3339.parse(second) {
            end = date
        } else {
            throw FormatError(message: "\"\(second.prefix(40))\" is neither an ISO 8601 duration nor an RFC 3339 date-time",
                hint: "write for example PT2H or 2026-12-01T12:00:00Z")
        }
        guard end > start else {
            throw FormatError(code: .outOfRange, message: "the interval \"\(text.prefix(80))\" ends before it starts or is empty")
        }
        self.start = start
        self.end = end
    }

    /// The interval as `start/end` in UTC.
    public var rendered: String { "\(RFC3339.format(start))/\(RFC3339.format(end))" }
}
