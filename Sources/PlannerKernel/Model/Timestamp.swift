public import Foundation

/// RFC 3339 timestamps as plannerd reads and writes them (UTC, `Z`, whole seconds on output).
public enum RFC3339 {
    /// Formats `date` as `2026-11-26T10:00:00Z` (a fraction of a second is dropped).
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970.rounded(.down)
        guard interval >= 0, interval <= Double(lastFourDigitYearSecond) else { return foundationFormat(date) }
        return format(seconds: Int64(interval))
    }

    /// Formats whole seconds since 1970 as `2026-11-26T10:00:00Z`.
    ///
    /// Years 1970–9999 are written directly, several times faster than a format style (every
    /// offer carries two timestamps); other dates go through Foundation.
    public static func format(seconds: Int64) -> String {
        guard seconds >= 0, seconds <= lastFourDigitYearSecond else {
            return foundationFormat(Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
        let (year, month, day) = civilDate(daysSince1970: seconds / 86_400)
        let secondOfDay = seconds % 86_400
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4); bytes.append(UInt8(ascii: "-"))
        digits(month, 2); bytes.append(UInt8(ascii: "-"))
        digits(day, 2); bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3600, 2); bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2); bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2); bytes.append(UInt8(ascii: "Z"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// 9999-12-31T23:59:59Z, the last second with a four-digit year.
    static let lastFourDigitYearSecond: Int64 = 253_402_300_799

    static func foundationFormat(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// The proleptic Gregorian (year, month, day) of a day count from 1970-01-01 (not negative),
    /// by the era arithmetic of Howard Hinnant's `civil_from_days`.
    static func civilDate(daysSince1970 days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses `2026-12-01T10:00:00Z`, with optional fractional seconds and a numeric offset.
    public static func parse(_ text: String) -> Date? {
        guard text.count >= 20, text.count <= 40, text.contains("T") else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }
}
