/// The pieces of one version as written (`v1.2.3-rc.1+build.5`, and in a constraint also `1.2.x`),
/// found by a greedy scan over UTF-8 bytes; the rules on the pieces are checked by ``problem(wildcards:)``.
///
/// The scan follows Masterminds' `cvRegex`: an optional `v`, one to three dot-separated numbers,
/// an optional `-pre-release` and an optional `+build`. It is shared by the strict SemVer 2 parser,
/// Helm's lenient version parser and the constraint checker, so the three agree on what a version is.
struct VersionText {
    /// Whether the version starts with `v`.
    var hasPrefixV = false
    /// The one to three numbers (or wildcards), as written.
    var numbers: [ArraySlice<UInt8>] = []
    /// The pre-release after `-`, possibly empty when the `-` ends the version.
    var prerelease: ArraySlice<UInt8>?
    /// The build metadata after `+`, possibly empty.
    var build: ArraySlice<UInt8>?

    private static let dot = UInt8(ascii: ".")
    private static let names = ["major", "minor", "patch"]

    /// Scans a version starting at `index`, moving `index` past it; `nil` (index unchanged) when
    /// no version starts there. `wildcards` lets a number be `x`, `X` or `*`.
    static func scan(_ bytes: [UInt8], at index: inout Int, wildcards: Bool) -> VersionText? {
        var position = index
        var text = VersionText()
        if position < bytes.count, bytes[position] == UInt8(ascii: "v") {
            text.hasPrefixV = true
            position += 1
        }
        func isNumberByte(_ byte: UInt8) -> Bool {
            ASCII.isDigit(byte) || (wildcards && (byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X") || byte == UInt8(ascii: "*")))
        }
        func run(while accepts: (UInt8) -> Bool) -> ArraySlice<UInt8> {
            let start = position
            while position < bytes.count, accepts(bytes[position]) { position += 1 }
            return bytes[start..<position]
        }
        let major = run(while: isNumberByte)
        guard !major.isEmpty else { return nil }
        text.numbers.append(major)
        while text.numbers.count < 3, position + 1 < bytes.count, bytes[position] == dot, isNumberByte(bytes[position + 1]) {
            position += 1
            text.numbers.append(run(while: isNumberByte))
        }
        let isIdentifierByte = { (byte: UInt8) in ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == dot }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") {
            position += 1
            text.prerelease = run(while: isIdentifierByte)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "+") {
            position += 1
            text.build = run(while: isIdentifierByte)
        }
        index = position
        return text
    }

    /// Why these pieces are not a version (a leading zero, an empty identifier, a number too
    /// large for 64 bits, a wildcard glued to digits), or `nil` when they are one.
    func problem(wildcards: Bool) -> String? {
        for (offset, number) in numbers.enumerated() {
            let name = Self.names[offset]
            let written = String(decoding: number, as: UTF8.self)
            if number.contains(where: { !ASCII.isDigit($0) }) {
                if wildcards && number.count == 1 { continue }
                return "the \(name) part \(quoted(written)) mixes a wildcard with other characters; x, X and * stand alone"
            }
            if number.count > 1 && number.first == UInt8(ascii: "0") {
                return "the \(name) number \(written) has a leading zero"
            }
            if UInt64(written) == nil {
                return "the \(name) number \(written.prefix(30)) is too large"
            }
        }
        if let prerelease {
            let text = String(decoding: prerelease, as: UTF8.self)
            if prerelease.isEmpty { return "the pre-release after '-' is empty" }
            for identifier in prerelease.split(separator: Self.dot, omittingEmptySubsequences: false) {
                if identifier.isEmpty { return "the pre-release \(quoted(text)) has an empty identifier (two dots, or a dot at an end)" }
                if identifier.count > 1, identifier.first == UInt8(ascii: "0"), identifier.allSatisfy(ASCII.isDigit) {
                    return "the pre-release identifier \(String(decoding: identifier, as: UTF8.self)) is a number with a leading zero"
                }
            }
        }
        if let build {
            let text = String(decoding: build, as: UTF8.self)
            if build.isEmpty { return "the build metadata after '+' is empty" }
            if build.split(separator: Self.dot, omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                return "the build metadata \(quoted(text)) has an empty identifier (two dots, or a dot at an end)"
            }
        }
        return nil
    }
}
