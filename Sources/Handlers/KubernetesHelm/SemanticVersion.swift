public import PlannerKernel

/// A strict SemVer 2.0.0 version (`1.2.3`, `1.2.3-rc.1+build.5`): three numbers without leading
/// zeros, an optional pre-release and optional build metadata, at most 128 characters.
///
/// This is the only version form that pins a chart. Helm's lenient forms (`v1.2.3`, `1.2`, `1`) are
/// not versions here: the handler reads them as constraints (see ``HelmVersionRequirement``).
public struct SemanticVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major number.
    public let major: UInt64
    /// The minor number.
    public let minor: UInt64
    /// The patch number.
    public let patch: UInt64
    /// The pre-release (after `-`), when present.
    public let prerelease: String?
    /// The build metadata (after `+`), when present.
    public let build: String?
    /// The version as written (which is its canonical form).
    public let description: String

    /// The longest accepted version: the length of an OCI tag.
    public static let maximumLength = 128

    /// The OCI tag that carries this version: `+` is not a tag character, so Helm writes it `_`.
    public var ociTag: String { description.replacingPlusWithUnderscore() }

    /// Parses a strict SemVer 2 version, or throws why `text` is not one.
    public init(parsing text: String) throws(FormatError) {
        guard !text.isEmpty else { throw FormatError(message: "the version is empty") }
        guard text.utf8.count <= Self.maximumLength else {
            throw FormatError(code: .tooLong, message: "the version is \(text.utf8.count) characters long; the limit is \(Self.maximumLength)")
        }
        let bytes = Array(text.utf8)
        var index = 0
        guard let pieces = VersionText.scan(bytes, at: &index, wildcards: false) else {
            throw FormatError(message: "\(quoted(text)) is not a SemVer version (MAJOR.MINOR.PATCH, such as 1.2.3)")
        }
        if index < bytes.count {
            throw Self.trailingError(text, bytes: bytes, at: index, pieces: pieces)
        }
        if let reason = pieces.problem(wildcards: false) {
            throw FormatError(message: "\(quoted(text)) is not a SemVer version: \(reason)", hint: Self.repaired(pieces).map { "write \($0)" })
        }
        if pieces.hasPrefixV {
            throw FormatError(message: "\(quoted(text)) is not a strict SemVer version: it starts with 'v'",
                hint: "write \(text.dropFirst())")
        }
        guard pieces.numbers.count == 3 else {
            throw FormatError(message: "\(quoted(text)) is not a strict SemVer version: it has \(pieces.numbers.count == 1 ? "one number" : "two numbers") instead of MAJOR.MINOR.PATCH")
        }
        func number(_ slice: ArraySlice<UInt8>) -> UInt64 { UInt64(String(decoding: slice, as: UTF8.self)) ?? 0 }
        self.major = number(pieces.numbers[0])
        self.minor = number(pieces.numbers[1])
        self.patch = number(pieces.numbers[2])
        self.prerelease = pieces.prerelease.map { String(decoding: $0, as: UTF8.self) }
        self.build = pieces.build.map { String(decoding: $0, as: UTF8.self) }
        self.description = text
    }

    /// Parses a version written as an OCI tag (`1.2.3_build.5`), where `_` stands for `+`.
    public init(ociTag tag: String) throws(FormatError) {
        try self.init(parsing: tag.replacingUnderscoreWithPlus())
    }

    /// Whether Helm's lenient parser (`semver.NewVersion`) accepts `text`: strict SemVer, or with a
    /// `v` prefix, or with the minor or patch number missing.
    static func isLenientVersion(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var index = 0
        guard let pieces = VersionText.scan(bytes, at: &index, wildcards: false), index == bytes.count else { return false }
        return pieces.problem(wildcards: false) == nil
    }

    /// Why `text` stops being a version at `index`: a fourth number, a `_`, and so on.
    private static func trailingError(_ text: String, bytes: [UInt8], at index: Int, pieces: VersionText) -> FormatError {
        let byte = bytes[index]
        if byte == UInt8(ascii: "."), pieces.numbers.count == 3, pieces.prerelease == nil, pieces.build == nil {
            return FormatError(message: "\(quoted(text)) is not a SemVer version: it has more than three numbers",
                hint: "a version is MAJOR.MINOR.PATCH; put anything more after '-' (pre-release) or '+' (build)")
        }
        if byte == UInt8(ascii: "_") {
            return FormatError(message: "\(quoted(text)) is not a SemVer version: '_' is not allowed",
                hint: "build metadata follows '+': write \(text.replacingUnderscoreWithPlus())")
        }
        let shown = byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "a space, control or non-ASCII character"
        return FormatError(message: "\(quoted(text)) is not a SemVer version: unexpected \(shown) after \(quoted(String(decoding: bytes[..<index], as: UTF8.self)))")
    }

    /// The pieces with leading zeros removed from the numbers, when that is the only fault.
    private static func repaired(_ pieces: VersionText) -> String? {
        guard pieces.numbers.allSatisfy({ $0.allSatisfy(ASCII.isDigit) }) else { return nil }
        let numbers = pieces.numbers.map { slice -> String in
            let trimmed = slice.drop(while: { $0 == UInt8(ascii: "0") })
            return trimmed.isEmpty ? "0" : String(decoding: trimmed, as: UTF8.self)
        }
        var fixed = VersionText()
        fixed.numbers = numbers.map { ArraySlice($0.utf8) }
        fixed.prerelease = pieces.prerelease
        fixed.build = pieces.build
        guard fixed.problem(wildcards: false) == nil else { return nil }
        var text = numbers.joined(separator: ".")
        if let prerelease = pieces.prerelease { text += "-" + String(decoding: prerelease, as: UTF8.self) }
        if let build = pieces.build { text += "+" + String(decoding: build, as: UTF8.self) }
        return text
    }
}

extension String {
    /// `+` replaced by `_` (a SemVer version as an OCI tag).
    func replacingPlusWithUnderscore() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "+" ? "_" : $0 }))
    }

    /// `_` replaced by `+` (an OCI tag back to a SemVer version).
    func replacingUnderscoreWithPlus() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "+" : $0 }))
    }
}
