/// An amount of memory: a whole number of bytes written in the Kubernetes quantity grammar
/// (API.md §2.1), case-sensitive, without signs or fractions of a byte.
///
/// `8G` is 8 000 000 000 bytes and `8Gi` is 8 589 934 592. Values are kept as exact integers;
/// ``canonical`` echoes them with the largest suffix of the written family that divides exactly.
public struct MemoryQuantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The number of bytes.
    public let bytes: Int64
    /// The suffix family the value was written in, used for the canonical echo.
    public let family: Family

    /// Which powers a quantity's suffix counts in.
    public enum Family: Sendable, Hashable {
        /// Powers of 1000 (`k M G T P E`, decimal exponents, plain bytes).
        case decimal
        /// Powers of 1024 (`Ki Mi Gi Ti Pi Ei`).
        case binary
    }

    /// The longest accepted spelling.
    public static let maximumLength = 32

    /// A quantity of `bytes` echoed in `family`.
    public init(bytes: Int64, family: Family = .binary) {
        precondition(bytes >= 0, "a memory quantity is never negative")
        self.bytes = bytes
        self.family = family
    }

    /// Parses a quantity string, or throws a ``FormatError`` that explains the mistake.
    public init(parsing text: String) throws(FormatError) {
        self = try MemoryQuantityParser.parse(text)
    }

    /// The canonical spelling: the largest suffix of the same family that divides exactly
    /// (`8000M` → `8G`, `1536Mi` → `1536Mi`, `2048Mi` → `2Gi`).
    public var canonical: String {
        if bytes == 0 { return "0" }
        let suffixes = family == .binary ? Self.binarySuffixes : Self.decimalSuffixes
        for (suffix, multiplier) in suffixes.reversed() where bytes % multiplier == 0 {
            return "\(bytes / multiplier)\(suffix)"
        }
        return String(bytes)
    }

    /// The canonical spelling.
    public var description: String { canonical }

    /// Orders by byte count.
    public static func < (lhs: MemoryQuantity, rhs: MemoryQuantity) -> Bool { lhs.bytes < rhs.bytes }

    /// Equal when the byte counts are equal, whatever the family.
    public static func == (lhs: MemoryQuantity, rhs: MemoryQuantity) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes the byte count.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }

    static let decimalSuffixes: [(String, Int64)] = [
        ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000),
        ("P", 1_000_000_000_000_000), ("E", 1_000_000_000_000_000_000),
    ]
    static let binarySuffixes: [(String, Int64)] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40), ("Pi", 1 << 50), ("Ei", 1 << 60),
    ]
}

extension MemoryQuantity: Codable {
    /// Decodes a quantity string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try MemoryQuantity(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the canonical spelling.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(canonical)
    }
}

enum MemoryQuantityParser {
    static let grammar = "a whole number of bytes with an optional suffix k, M, G, T, P, E (powers of 1000) or Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024)"

    static func parse(_ text: String) throws(FormatError) -> MemoryQuantity {
        guard text.utf8.count <= MemoryQuantity.maximumLength else {
            throw FormatError(code: .tooLong, message: "the quantity \"\(text.prefix(40))…\" is longer than \(MemoryQuantity.maximumLength) characters")
        }
        let bytes = Array(text.utf8)
        var index = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        var integerDigits: [UInt8] = []
        while index < bytes.count, isDigit(bytes[index]) { integerDigits.append(bytes[index]); index += 1 }
        var fractionDigits: [UInt8] = []
        var sawDot = false
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            sawDot = true
            index += 1
            while index < bytes.count, isDigit(bytes[index]) { fractionDigits.append(bytes[index]); index += 1 }
        }
        let suffix = String(decoding: bytes[index...], as: UTF8.self)
        guard !integerDigits.isEmpty, !(sawDot && fractionDigits.isEmpty) else {
            throw malformed(text)
        }
        if integerDigits.count > 1 && integerDigits[0] == UInt8(ascii: "0") {
            throw FormatError(message: "\"\(text)\" has a leading zero", hint: "write the number without leading zeros")
        }
        let number = String(decoding: integerDigits + (sawDot ? [UInt8(ascii: ".")] + fractionDigits : []), as: UTF8.self)
        let family: MemoryQuantity.Family
        var power10 = 0
        var power2 = 0
        switch suffix {
        case "": family = .decimal
        case "k": family = .decimal; power10 = 3
        case "M": family = .decimal; power10 = 6
        case "G": family = .decimal; power10 = 9
        case "T": family = .decimal; power10 = 12
        case "P": family = .decimal; power10 = 15
        case "E": family = .decimal; power10 = 18
        case "Ki": family = .binary; power2 = 10
        case "Mi": family = .binary; power2 = 20
        case "Gi": family = .binary; power2 = 30
        case "Ti": family = .binary; power2 = 40
        case "Pi": family = .binary; power2 = 50
        case "Ei": family = .binary; power2 = 60
        default:
            guard let exponent = decimalExponent(suffix) else { throw wrongSuffix(text, number: number, suffix: suffix) }
            family = .decimal
            power10 = exponent
        }
        // Exact arithmetic: mantissa × 10^power10 × 2^power2 / 10^fractionCount.
        var fraction = fractionDigits
        while fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        var mantissa: UInt128 = 0
        for digit in integerDigits + fraction {
            let (shifted, overflow1) = mantissa.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(UInt128(digit - 0x30))
            guard !overflow1, !overflow2 else { throw tooLarge(text) }
            mantissa = added
        }
        let scale = fraction.count
        var value: UInt128
        if family == .binary {
            var five: UInt128 = 1
            for _ in 0..<scale { five *= 5 }
            guard mantissa % five == 0 else { throw fractionOfAByte(text) }
            value = mantissa / five
            if power2 >= scale {
                let (shifted, overflow) = value.multipliedReportingOverflow(by: UInt128(1) << (power2 - scale))
                guard !overflow else { throw tooLarge(text) }
                value = shifted
            } else {
                let divisor = UInt128(1) << (scale - power2)
                guard value % divisor == 0 else { throw fractionOfAByte(text) }
                value /= divisor
            }
        } else {
            if power10 < scale {
                // The fraction's last digit is not zero, so a smaller power cannot make it whole.
                if mantissa != 0 { throw fractionOfAByte(text) }
                value = 0
            } else {
                value = mantissa
                for _ in 0..<(power10 - scale) where value != 0 {
                    let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
                    guard !overflow, shifted <= UInt128(Int64.max) else { throw tooLarge(text) }
                    value = shifted
                }
            }
        }
        guard value <= UInt128(Int64.max) else { throw tooLarge(text) }
        return MemoryQuantity(bytes: Int64(value), family: family)
    }

    static func decimalExponent(_ suffix: String) -> Int? {
        guard let first = suffix.first, first == "e" || first == "E" else { return nil }
        let digits = suffix.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 3,
            let exponent = Int(digits)
        else { return nil }
        return exponent
    }

    static func malformed(_ text: String) -> FormatError {
        if text.isEmpty { return FormatError(message: "the quantity is empty", hint: "write for example 8Gi or 8G") }
        if text.hasPrefix("-") || text.hasPrefix("+") {
            return FormatError(message: "\"\(text)\" has a sign; memory is never negative", hint: "write the number without a sign")
        }
        if text.contains(where: \.isWhitespace) {
            return FormatError(message: "\"\(text)\" contains spaces", hint: "write the number and suffix together, for example 8Gi")
        }
        if text.hasPrefix(".") || text.contains(".") {
            return FormatError(message: "\"\(text)\" needs digits on both sides of the '.'", hint: "write for example 0.5Gi or 512Mi")
        }
        return FormatError(message: "\"\(text)\" is not a memory quantity; expected \(grammar)")
    }

    static func wrongSuffix(_ text: String, number: String, suffix: String) -> FormatError {
        if suffix.contains(where: \.isWhitespace) { return malformed(text) }
        let letters = suffix.lowercased()
        let prefixes: [Character: String] = ["k": "k", "m": "M", "g": "G", "t": "T", "p": "P", "e": "E"]
        if let first = letters.first, let decimal = prefixes[first],
            ["", "b", "i", "ib"].contains(String(letters.dropFirst()))
        {
            let binary = (decimal == "k" ? "K" : decimal) + "i"
            if suffix == "m" {
                return FormatError(
                    message: "\"\(text)\": the suffix m means thousandths, and memory is a whole number of bytes",
                    hint: hintText(number: number, binary: binary, decimal: decimal))
            }
            return FormatError(
                message: "\"\(text)\" is spelled as in Docker or Slurm; plannerd uses the Kubernetes quantity grammar, which is case-sensitive",
                hint: hintText(number: number, binary: binary, decimal: decimal))
        }
        if ["n", "u"].contains(suffix) {
            return FormatError(message: "\"\(text)\": the suffix \(suffix) is a fraction, and memory is a whole number of bytes",
                hint: "use one of k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei")
        }
        return FormatError(message: "\"\(text)\" has the unknown suffix \"\(suffix)\"; expected \(grammar)")
    }

    static func hintText(number: String, binary: String, decimal: String) -> String {
        let binaryBytes = (try? parse(number + binary)).map { " (\(grouped($0.bytes)) bytes)" } ?? ""
        let decimalBytes = (try? parse(number + decimal)).map { " (\(grouped($0.bytes)) bytes)" } ?? ""
        return "write \(number)\(binary)\(binaryBytes) or \(number)\(decimal)\(decimalBytes)"
    }

    static func fractionOfAByte(_ text: String) -> FormatError {
        FormatError(code: .invalidFormat, message: "\"\(text)\" is not a whole number of bytes",
            hint: "memory must come out as whole bytes; use a smaller suffix, for example Mi instead of Gi")
    }

    static func tooLarge(_ text: String) -> FormatError {
        FormatError(code: .outOfRange, message: "\"\(text)\" is more than 9223372036854775807 bytes (2^63−1), the largest quantity")
    }
}

/// `8589934592` → `8 589 934 592`.
func grouped(_ value: Int64) -> String {
    let digits = Array(String(value))
    var result = ""
    for (offset, digit) in digits.enumerated() {
        if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(" ") }
        result.append(digit)
    }
    return result
}
