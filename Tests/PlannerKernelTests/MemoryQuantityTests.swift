import PlannerKernel
import Testing

/// formats.md §4.6 (memory column) and API.md §2.1.
@Suite("Memory quantities")
struct MemoryQuantityTests {
    @Test("valid quantities parse exactly and echo canonically", arguments: [
        ("8G", 8_000_000_000, "8G"),
        ("8Gi", 8_589_934_592, "8Gi"),
        ("8000M", 8_000_000_000, "8G"),
        ("8192Mi", 8_589_934_592, "8Gi"),
        ("1.5Gi", 1_610_612_736, "1536Mi"),
        ("1.5G", 1_500_000_000, "1500M"),
        ("123Mi", 128_974_848, "123Mi"),
        ("129M", 129_000_000, "129M"),
        ("129e6", 129_000_000, "129M"),
        ("1e3", 1000, "1k"),
        ("1E3", 1000, "1k"),
        ("12e6", 12_000_000, "12M"),
        ("2.5e3", 2500, "2500"),
        ("1E", 1_000_000_000_000_000_000, "1E"),
        ("1Ei", 1_152_921_504_606_846_976, "1Ei"),
        ("9223372036854775807", Int64.max, "9223372036854775807"),
        ("0", 0, "0"),
        ("0.0", 0, "0"),
        ("1k", 1000, "1k"),
        ("1Ki", 1024, "1Ki"),
        ("2048Mi", 2_147_483_648, "2Gi"),
        ("1536Mi", 1_610_612_736, "1536Mi"),
        ("10G", 10_000_000_000, "10G"),
        ("0.5Ki", 512, "512"),
        ("1.00000000000000000000Ei", 1_152_921_504_606_846_976, "1Ei"),
    ] as [(String, Int64, String)])
    func valid(input: String, bytes: Int64, canonical: String) throws {
        let quantity = try MemoryQuantity(parsing: input)
        #expect(quantity.bytes == bytes)
        #expect(quantity.canonical == canonical)
    }

    @Test("invalid quantities are refused with a code", arguments: [
        ("128974848000m", ProblemCode.invalidFormat),
        ("8Ei", .outOfRange),
        ("9223372036854775808", .outOfRange),
        ("0.5", .invalidFormat),
        ("500m", .invalidFormat),
        ("0.1m", .invalidFormat),
        ("1.0001m", .invalidFormat),
        ("1K", .invalidFormat), ("1ki", .invalidFormat), ("1mi", .invalidFormat), ("1e", .invalidFormat),
        ("8g", .invalidFormat), ("8GB", .invalidFormat), ("8Gb", .invalidFormat), ("8GiB", .invalidFormat),
        ("+1", .invalidFormat), ("-1", .invalidFormat), ("01", .invalidFormat), ("5.", .invalidFormat), (".5", .invalidFormat),
        ("1 G", .invalidFormat), (" 1G", .invalidFormat), ("1G ", .invalidFormat), ("", .invalidFormat),
        ("1.5", .invalidFormat), ("1e999", .outOfRange), ("123456789012345678901234567890123", .tooLong),
    ] as [(String, ProblemCode)])
    func invalid(input: String, code: ProblemCode) {
        #expect(throws: FormatError.self) { try MemoryQuantity(parsing: input) }
        do { _ = try MemoryQuantity(parsing: input) } catch { #expect(error.code == code, "\(input): \(error)") }
    }

    @Test("other tools' spellings get a hint naming both correct spellings", arguments: ["8g", "8GB", "8Gb", "8GiB", "8gi"])
    func dockerSpellingHint(input: String) {
        do {
            _ = try MemoryQuantity(parsing: input)
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.hint?.contains("8Gi (8 589 934 592 bytes)") == true, "\(error)")
            #expect(error.hint?.contains("8G (8 000 000 000 bytes)") == true, "\(error)")
        }
    }

    @Test("quantities compare by bytes whatever the family")
    func comparison() throws {
        #expect(try MemoryQuantity(parsing: "1k") == MemoryQuantity(parsing: "1000"))
        #expect(try MemoryQuantity(parsing: "8G") < MemoryQuantity(parsing: "8Gi"))
    }
}
