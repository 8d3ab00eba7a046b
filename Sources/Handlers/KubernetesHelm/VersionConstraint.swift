/// Checks Masterminds semver constraints (`^1.2.3`, `>= 1.2, < 2`, `1.2 - 1.4.5`, `~1 || >=3`), as
/// `semver.NewConstraint` does, with a hand-written scanner instead of its regular expressions.
///
/// The rules reproduced: `||` separates alternatives; inside one, terms are separated by a comma or
/// by spaces; a term is an optional operator (`=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`,
/// `^`) and a version whose parts may be `x`, `X` or `*`; `A - B` (spaces required) is a range, and
/// because Masterminds rewrites ranges textually before checking, a range must open an alternative
/// or follow a comma, and be followed by a comma or the end. Every version must pass Helm's lenient
/// version rules (no leading zeros, no empty identifiers).
enum VersionConstraint {
    /// Why `text` is not a constraint, or `nil` when it is one.
    static func problem(in text: String) -> String? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return "the constraint is empty" }
        var alternatives: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "|"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "|") {
                alternatives.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        alternatives.append(bytes[start..<bytes.count])
        for alternative in alternatives {
            if let problem = problem(inAlternative: Array(alternative)) { return problem }
        }
        return nil
    }

    /// The operators, longest first so that `>=` is not read as `>`.
    private static let operators: [[UInt8]] = ["!=", ">=", "=>", "<=", "=<", "~>", "=", ">", "<", "~", "^"].map { Array($0.utf8) }

    /// Checks one alternative (the text between `||`).
    private static func problem(inAlternative bytes: [UInt8]) -> String? {
        var index = 0
        func skipSpaces() -> Bool {
            let start = index
            while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
            return index > start
        }
        func version() -> String? {
            let start = index
            guard let pieces = VersionText.scan(bytes, at: &index, wildcards: true) else {
                return index < bytes.count
                    ? "expected a version at \(quoted(String(decoding: bytes[start...], as: UTF8.self)))"
                    : "an operator or separator is not followed by a version"
            }
            return pieces.problem(wildcards: true).map { "in \(quoted(String(decoding: bytes[start..<index], as: UTF8.self))), \($0)" }
        }
        _ = skipSpaces()
        if index == bytes.count { return "an alternative around || is empty" }
        var mayOpenRange = true
        while true {
            let hasOperator = scanOperator(bytes, at: &index)
            _ = skipSpaces()
            if let problem = version() { return problem }
            var spaced = skipSpaces()
            if !hasOperator, spaced, index + 1 < bytes.count, bytes[index] == UInt8(ascii: "-"), ASCII.isSpace(bytes[index + 1]) {
                guard mayOpenRange else {
                    return "a range (A - B) must come first or after a comma"
                }
                index += 1
                _ = skipSpaces()
                if let problem = version() { return problem }
                _ = skipSpaces()
                if index < bytes.count && bytes[index] != UInt8(ascii: ",") {
                    return "a range (A - B) must be followed by a comma or the end"
                }
                spaced = false
            }
            if index == bytes.count { return nil }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                _ = skipSpaces()
                if index == bytes.count { return "nothing follows the last comma" }
                mayOpenRange = true
                continue
            }
            guard spaced else {
                let rest = String(decoding: bytes[index...], as: UTF8.self)
                return "unexpected \(quoted(rest.prefix(20))): separate terms with a comma or a space"
            }
            mayOpenRange = false
        }
    }

    /// Moves `index` past an operator; whether there was one.
    private static func scanOperator(_ bytes: [UInt8], at index: inout Int) -> Bool {
        for candidate in operators where bytes.count - index >= candidate.count {
            if bytes[index..<(index + candidate.count)].elementsEqual(candidate) {
                index += candidate.count
                return true
            }
        }
        return false
    }
}
