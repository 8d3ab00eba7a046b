import PlannerKernel
import Testing

/// formats.md §5.6 and API.md §2.2.
@Suite("Durations")
struct TaskDurationTests {
    @Test("valid durations parse and echo in the short form", arguments: [
        ("10m", 600, "10m"), ("9h", 32_400, "9h"), ("9h30m", 34_200, "9h30m"), ("90m", 5400, "1h30m"),
        ("2h45m10s", 9910, "2h45m10s"), ("0s", 0, "0s"), ("5400s", 5400, "1h30m"), ("20m", 1200, "20m"),
        ("PT9H30M", 34_200, "9h30m"), ("PT10M", 600, "10m"), ("PT1M", 60, "1m"),
        ("P1D", 86_400, "24h"), ("P1DT2H", 93_600, "26h"), ("PT36H", 129_600, "36h"), ("P1W", 604_800, "168h"),
        ("PT0S", 0, "0s"), ("PT1H0M5S", 3605, "1h5s"),
    ] as [(String, Int64, String)])
    func valid(input: String, seconds: Int64, canonical: String) throws {
        let duration = try TaskDuration(parsing: input)
        #expect(duration.seconds == seconds)
        #expect(duration.canonical == canonical)
    }

    @Test("invalid durations are refused", arguments: [
        "0", "1.5h", "300ms", "1h1h", "30m9h", "-5m", "+5m", "1d", "9H", "9h 30m", "9h30", "", "10", "10:00",
        "01:30:00", "1-00:00:00", "2-12", "P2W3D", "P1H", "P1M", "P1Y", "PT1.5H", "PT", "P", "P1DT", "pt10m",
        "PT1S1M", "P1WT1H", "99999999999999h",
    ])
    func invalid(input: String) {
        #expect(throws: FormatError.self, "\(input)") { try TaskDuration(parsing: input) }
    }

    @Test("common mistakes get the fix as a hint", arguments: [
        ("P1H", "PT1H"), ("1d", "24h"), ("1.5h", "1h30m"), ("9H", "9h"), ("pt10m", "PT10M"), ("10", "10m"),
        ("P1M", "PT1M"), ("10:00", "10m"),
    ])
    func hints(input: String, fix: String) {
        do {
            _ = try TaskDuration(parsing: input)
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.hint?.contains(fix) == true, "\(input): \(error)")
        }
    }

    @Test("a duration beyond 2^31-1 seconds is out of range")
    func tooLong() {
        do {
            _ = try TaskDuration(parsing: "999999h")
            Issue.record("accepted")
        } catch {
            #expect(error.code == .outOfRange)
        }
    }
}
