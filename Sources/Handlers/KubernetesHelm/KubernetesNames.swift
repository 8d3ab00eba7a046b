public import PlannerKernel

/// The name rules a Helm install depends on: release names (DNS-1123 subdomain, at most 53
/// characters), namespaces (DNS-1123 label, at most 63) and chart names (`helm create`'s rule).
public enum KubernetesNames {
    /// The longest release name: 63 minus the 10 characters Helm keeps for chart authors' suffixes.
    public static let maximumReleaseLength = 53
    /// The longest namespace (a DNS-1123 label).
    public static let maximumNamespaceLength = 63
    /// The longest chart name `helm create` accepts.
    public static let maximumChartNameLength = 250

    /// Why `name` is not a Helm release name, or `nil` when it is one.
    public static func releaseProblem(_ name: String) -> FormatError? {
        dnsProblem(name, what: "release name", allowDots: true, limit: maximumReleaseLength,
            limitReason: "Helm keeps 10 of Kubernetes' 63 characters for suffixes",
            emptyHint: "omit release to let the service choose a name, or give one such as my-release")
    }

    /// Why `name` is not a Kubernetes namespace, or `nil` when it is one.
    public static func namespaceProblem(_ name: String) -> FormatError? {
        dnsProblem(name, what: "namespace", allowDots: false, limit: maximumNamespaceLength, limitReason: nil,
            emptyHint: "omit namespace to use the service's default, or give one such as my-team")
    }

    /// Why `name` is not a chart name Helm accepts (`^[a-zA-Z0-9._-]+$`, 1–250 characters, not `.`
    /// or `..`, no path separator), or `nil` when it is one.
    public static func chartNameProblem(_ name: String) -> FormatError? {
        guard !name.isEmpty else {
            return FormatError(message: "the chart name is empty", hint: "give the chart's name as it appears in the repository, such as nginx")
        }
        let bytes = Array(name.utf8)
        if bytes.count > maximumChartNameLength {
            return FormatError(code: .tooLong, message: "the chart name is \(bytes.count) characters long; the limit is \(maximumChartNameLength)")
        }
        if name == "." || name == ".." {
            return FormatError(message: "\(quoted(name)) is not a chart name")
        }
        if let slash = bytes.firstIndex(of: UInt8(ascii: "/")) {
            let alias = bytes[..<slash]
            let chart = bytes[(slash + 1)...]
            if !alias.isEmpty, !chart.isEmpty, !chart.contains(UInt8(ascii: "/")), alias.allSatisfy(isChartNameByte),
                chart.allSatisfy(isChartNameByte), alias != Array(".".utf8)[...], alias != Array("..".utf8)[...]
            {
                let chartName = String(decoding: chart, as: UTF8.self)
                return FormatError(
                    message: "\(quoted(name)) looks like a repository alias (\(String(decoding: alias, as: UTF8.self))/…), which only the Helm client that added it knows; a chart name has no '/'",
                    hint: "give the repository's URL in repository and \(quoted(chartName)) in name")
            }
            return FormatError(message: "the chart name \(quoted(name)) contains a path separator '/'",
                hint: "give only the chart's name; the repository URL goes in repository")
        }
        if let bad = name.unicodeScalars.first(where: { !$0.isASCII || !isChartNameByte(UInt8($0.value)) }) {
            return FormatError(message: "the chart name \(quoted(name)) contains \(describe(bad)); only ASCII letters, digits, '.', '_' and '-' are allowed")
        }
        return nil
    }

    /// Whether `name` follows Helm's best practice for chart names: lower-case words of letters and
    /// digits separated by single dashes (`^[a-z0-9]+(-[a-z0-9]+)*$`).
    public static func isConventionalChartName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, ASCII.isLowerAlphanumeric(first), ASCII.isLowerAlphanumeric(last) else {
            return false
        }
        var previousWasDash = false
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                if previousWasDash { return false }
                previousWasDash = true
            } else if ASCII.isLowerAlphanumeric(byte) {
                previousWasDash = false
            } else {
                return false
            }
        }
        return true
    }

    private static func isChartNameByte(_ byte: UInt8) -> Bool {
        ASCII.isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        if scalar == " " { return "a space" }
        if !scalar.isASCII { return "the non-ASCII character '\(scalar)'" }
        if scalar.value < 0x20 || scalar.value == 0x7F { return "a control character" }
        return "'\(scalar)'"
    }

    /// The shared check of a DNS-1123 label (`allowDots == false`) or subdomain.
    private static func dnsProblem(
        _ name: String, what: String, allowDots: Bool, limit: Int, limitReason: String?, emptyHint: String
    ) -> FormatError? {
        guard !name.isEmpty else { return FormatError(message: "the \(what) is empty", hint: emptyHint) }
        let bytes = Array(name.utf8)
        let hint = suggestion(for: name, allowDots: allowDots, limit: limit).map { "write \(quoted($0))" }
        if bytes.count > limit {
            let reason = limitReason.map { " (\($0))" } ?? ""
            return FormatError(code: .tooLong, message: "the \(what) is \(bytes.count) characters long; the limit is \(limit)\(reason)", hint: hint)
        }
        let rule = allowDots
            ? "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit"
            : "lower-case letters, digits and '-', starting and ending with a letter or digit"
        if let bad = name.unicodeScalars.first(where: { scalar in
            guard scalar.isASCII else { return true }
            let byte = UInt8(scalar.value)
            return !(ASCII.isLowerAlphanumeric(byte) || byte == UInt8(ascii: "-") || (allowDots && byte == UInt8(ascii: ".")))
        }) {
            let why: String
            if scalar(bad, isIn: "A"..."Z") {
                why = "has upper-case letters"
            } else if bad == "." {
                why = "contains a dot, which a namespace may not contain"
            } else {
                why = "contains \(describe(bad))"
            }
            return FormatError(message: "the \(what) \(quoted(name)) \(why); use \(rule)", hint: hint)
        }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard let first = label.first, let last = label.last else {
                return FormatError(message: "the \(what) \(quoted(name)) has an empty part between dots or at an end; use \(rule)", hint: hint)
            }
            if !ASCII.isLowerAlphanumeric(first) || !ASCII.isLowerAlphanumeric(last) {
                let part = allowDots && bytes.contains(UInt8(ascii: ".")) ? "each dot-separated part of the \(what)" : "the \(what)"
                return FormatError(message: "\(part) must start and end with a letter or digit, but \(quoted(name)) does not", hint: hint)
            }
        }
        return nil
    }

    private static func scalar(_ scalar: Unicode.Scalar, isIn range: ClosedRange<Unicode.Scalar>) -> Bool {
        range.contains(scalar)
    }

    /// A valid name close to `name` (lower-cased, other characters turned into `-`, empty parts and
    /// edge dashes dropped, cut to `limit`), when `name` is ASCII and such a name exists.
    static func suggestion(for name: String, allowDots: Bool, limit: Int) -> String? {
        guard name.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        let mapped = name.lowercased().map { character -> Character in
            if character.isASCII && (character.isLetter || character.isNumber) { return character }
            if character == "." && allowDots { return "." }
            return "-"
        }
        let labels = String(mapped).split(separator: ".")
            .map { $0.trimmingDashes() }
            .filter { !$0.isEmpty }
        var candidate = labels.joined(separator: ".")
        if candidate.count > limit {
            candidate = String(candidate.prefix(limit))
            while let last = candidate.last, last == "-" || last == "." { candidate.removeLast() }
        }
        guard !candidate.isEmpty, candidate != name else { return nil }
        return candidate
    }
}

extension Substring {
    /// The text without leading and trailing dashes.
    fileprivate func trimmingDashes() -> String {
        String(drop(while: { $0 == "-" }).reversed().drop(while: { $0 == "-" }).reversed())
    }
}
