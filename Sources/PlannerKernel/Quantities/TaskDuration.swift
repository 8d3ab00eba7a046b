/// A length of run time in whole seconds (API.md §2.2).
///
/// Accepts the short form `[<n>h][<n>m][<n>s]` (integers, in that order, at least one part) or
/// ISO 8601 `PnW` / `PnDTnHnMnS` with integers, where a day is exactly 24 hours. Calendar units
/// (years, months), fractions, signs and other tools' spellings (`1d`, `10:00`, `1-00:00:00`,
/// `P1H`) are refused with a hint. ``canonical`` echoes the short form with hours as the largest unit.
public struct TaskDuration: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of seconds.
    public let seconds: Int64

    /// The longest accepted spelling.
    public static let maximumLength = 32
    /// The largest duration: 2^31−1 seconds (about 68 years).
    public static let maximumSeconds: Int64 = Int64(Int32.max)

    /// A duration of `seconds`.
    public init(seconds: Int64) {
        precondition(seconds >= 0 && seconds <= Self.maximumSeconds, "duration out of range")
        self.seconds = seconds
    }

    /// A duration of whole hours, minutes and seconds.
    public init(hours: Int64 = 0, minutes: Int64 = 0, seconds: Int64 = 0) {
        self.init(seconds: hours * 3600 + minutes * 60 + seconds)
    }

    /// Parses a duration string, or throws a ``FormatError`` that explains the mistake.
    public init(parsing text: String) throws(FormatError) {
        self = try TaskDurationParser.parse(text)
    }

    /// The short form with hours as the largest unit: `10m`, `24h`, `1h30m`, `0s`.
    public var canonical: String {
        if seconds == 0 { return "0s" }
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let rest = seconds % 60
        return (hours > 0 ? "\(hours)h" : "") + (minutes > 0 ? "\(minutes)m" : "") + (rest > 0 ? "\(rest)s" : "")
    }

    /// The canonical spelling.
    public var description: String { canonical }

    /// Orders by length.
    public static func < (lhs: TaskDuration, rhs: TaskDuration) -> Bool { lhs.seconds < rhs.seconds }
}

extension TaskDuration: Codable {
    /// Decodes a duration string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try TaskDuration(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the canonical spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}

enum TaskDurationParser {
    static let grammar = "a duration like 10m, 9h30m or 45s, or ISO 8601 like PT9H30M, P1D or P1W"

    static func parse(_ text: String) throws(FormatError) -> TaskDuration {
        guard text.utf8.count <= TaskDuration.maximumLength else {
            throw FormatError(code: .tooLong, message: "the duration \"\(text.prefix(40))…\" is longer than \(TaskDuration.maximumLength) characters")
        }
        let seconds: Int64?
        if text.utf8.first == UInt8(ascii: "P") {
            seconds = try iso8601(text)
        } else {
            seconds = short(text)
        }
        guard let seconds else { throw explain(text) }
        guard seconds <= TaskDuration.maximumSeconds else {
            throw FormatError(code: .outOfRange, message: "the duration \"\(text)\" is longer than \(TaskDuration.maximumSeconds) seconds, the largest allowed")
        }
        return TaskDuration(seconds: seconds)
    }

    /// The seconds in an hour, a minute and a second, in the order the units must appear.
    static let unitSeconds: [Int64] = [3600, 60, 1]
    /// The short form's units: h, m, s.
    static let shortUnits: [UInt8] = Array("hms".utf8)
    /// The units after ISO 8601's `T`: H, M, S.
    static let isoTimeUnits: [UInt8] = Array("HMS".utf8)

    /// Splits `text` into (digits, unit) parts, the unit being the byte after the digits; `nil`
    /// when it is not runs of at most 12 ASCII digits each followed by one byte.
    static func parts(_ text: Substring) -> [(value: Int64, unit: UInt8)]? {
        var result: [(value: Int64, unit: UInt8)] = []
        var value: Int64 = 0
        var digitCount = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digitCount += 1
                guard digitCount <= 12 else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            } else {
                guard digitCount > 0 else { return nil }
                result.append((value, byte))
                value = 0
                digitCount = 0
            }
        }
        return digitCount == 0 ? result : nil
    }

    /// The seconds in `parts` whose units are `units` (largest first), each at most once and in
    /// that order; `nil` otherwise.
    static func total(of parts: [(value: Int64, unit: UInt8)], units: [UInt8]) -> Int64? {
        var position = 0
        var total: Int64 = 0
        for part in parts {
            guard let unitIndex = units.firstIndex(of: part.unit), unitIndex >= position else { return nil }
            position = unitIndex + 1
            total += part.value * unitSeconds[unitIndex]
        }
        return total
    }

    static func short(_ text: String) -> Int64? {
        guard let parts = parts(text[...]), !parts.isEmpty else { return nil }
        return total(of: parts, units: shortUnits)
    }

    static func iso8601(_ text: String) throws(FormatError) -> Int64? {
        let body = text.dropFirst()
        let datePart: Substring
        let timePart: Substring?
        if let t = body.firstIndex(of: "T") {
            datePart = body[..<t]
            timePart = body[body.index(after: t)...]
        } else {
            datePart = body
            timePart = nil
        }
        guard let dateParts = parts(datePart) else { return nil }
        if dateParts.contains(where: { $0.unit == UInt8(ascii: "Y") || $0.unit == UInt8(ascii: "M") }) {
            throw FormatError(message: "\"\(text)\" uses years or months, which have no fixed length",
                hint: "give days or weeks instead (P30D, P4W), or hours after T (PT1M is one minute)")
        }
        var total: Int64 = 0
        switch (dateParts.count, dateParts.first?.unit) {
        case (0, _): break
        case (1, UInt8(ascii: "W")) where timePart == nil: total = dateParts[0].value * 7 * 86_400
        case (1, UInt8(ascii: "D")): total = dateParts[0].value * 86_400
        default: return nil
        }
        if let timePart {
            guard let timeParts = parts(timePart), !timeParts.isEmpty,
                  let timeSeconds = self.total(of: timeParts, units: isoTimeUnits) else { return nil }
            total += timeSeconds
        } else if dateParts.isEmpty {
            return nil
        }
        return total
    }

    static func explain(_ text: String) -> FormatError {
        if text.isEmpty { return FormatError(message: "the duration is empty", hint: "write for example 10m or PT10M") }
        let isoSpelling = text.uppercased().hasPrefix("P")
        if text.hasPrefix("-") || text.hasPrefix("+") {
            return FormatError(message: "\"\(text)\" has a sign; durations are never negative", hint: "write the duration without a sign")
        }
        if text.contains(where: \.isWhitespace) {
            return FormatError(message: "\"\(text)\" contains spaces", hint: "write the parts together, for example 9h30m")
        }
        if text.contains(".") || text.contains(",") {
            return FormatError(message: "\"\(text)\" has a fraction; durations are whole seconds",
                hint: "write the fraction in smaller units, for example 1h30m instead of 1.5h")
        }
        if isoSpelling && text != text.uppercased() {
            return FormatError(message: "\"\(text)\" mixes upper and lower case; ISO 8601 durations are upper case",
                hint: "write \(text.uppercased())")
        }
        if isoSpelling, !text.contains("T"), text.contains("H") || text.contains("S") {
            let fixed = "PT" + text.dropFirst()
            return FormatError(message: "\"\(text)\" puts hours, minutes or seconds before the T", hint: "write \(fixed)")
        }
        if isoSpelling {
            return FormatError(message: "\"\(text)\" is not a duration plannerd accepts; expected \(grammar)",
                hint: "ISO 8601 durations look like PT10M, PT9H30M, P1DT2H or P2W (weeks alone)")
        }
        if text.contains(":") {
            return FormatError(message: "\"\(text)\" is a clock-style time, which tools read differently (Slurm reads 10:00 as ten minutes)",
                hint: "write the units out, for example 10m or 1h30m, or in ISO 8601 (P1D for one day)")
        }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return FormatError(message: "\"\(text)\" has no unit", hint: "write \(text)m for minutes, \(text)s for seconds or \(text)h for hours")
        }
        if let parts = parts(text[...]) {
            if let day = parts.first(where: { $0.unit == UInt8(ascii: "d") || $0.unit == UInt8(ascii: "D") }) {
                return FormatError(message: "\"\(text)\" uses days (d), which the short form does not have",
                    hint: "write \(day.value * 24)h or P\(day.value)D")
            }
            if parts.contains(where: { isoTimeUnits.contains($0.unit) }) {
                return FormatError(message: "\"\(text)\" has upper-case units; the short form uses h, m and s",
                    hint: "write \(text.lowercased())")
            }
            if text.hasSuffix("ms") || text.hasSuffix("us") || text.hasSuffix("ns") {
                return FormatError(message: "\"\(text)\" is shorter than a second; durations are whole seconds")
            }
            return FormatError(message: "\"\(text)\" repeats a unit or puts them out of order",
                hint: "write hours, then minutes, then seconds, each at most once (9h30m)")
        }
        return FormatError(message: "\"\(text)\" is not a duration plannerd accepts; expected \(grammar)")
    }
}
