public import Foundation

/// RFC 3339 timestamps as plannerd reads and writes them (UTC, `Z`, whole seconds on output).
public enum RFC3339 {
    /// Formats `date` as `2026-11-26T10:00:00Z`.
    public static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt))
    }

    /// Formats whole seconds since 1970 as `2026-11-26T10:00:00Z`.
    public static func format(seconds: Int64) -> String {
        format(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Parses `2026-12-01T10:00:00Z`, with optional fractional seconds and a numeric offset.
    public static func parse(_ text: String) -> Date? {
        guard text.count >= 20, text.count <= 40, text.contains("T") else { return nil }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return date }
        if let date = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return date }
        return nil
    }
}
