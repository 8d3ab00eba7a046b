import PlannerKernel

/// The rules for a reference's repository path and tag (formats.md §1.2), as hand-written scanners.
enum ImageReferenceParts {
    /// What is wrong with the repository path, if anything: upper case first (with the lower-cased
    /// reference as a hint), then empty components, characters and separators.
    /// - Parameters:
    ///   - prefix: the registry and `/` as written, for the hint (`""` when there is none).
    ///   - suffix: the `:tag` and `@digest` as written, for the hint.
    /// The message strings are built only when there is an error (this runs for every docker ask).
    static func pathError(_ path: ArraySlice<UInt8>, prefix: @autoclosure () -> String, suffix: @autoclosure () -> String) -> FormatError? {
        var written: String { ASCII.shown(ASCII.string(path)) }
        guard !path.isEmpty else {
            return FormatError(message: "\"\(ASCII.shown(prefix() + suffix()))\" has a registry but no repository path after the '/'",
                hint: "add the repository, such as \(ASCII.shown(prefix()))team/app")
        }
        if path.contains(where: ASCII.isUpper) {
            return FormatError(message: "the repository path \"\(written)\" has upper-case letters; repository names must be lower case",
                hint: "write it in lower case: \(ASCII.shown(prefix() + ASCII.lowercased(path) + suffix()))")
        }
        for component in path.split(separator: ASCII.slash, omittingEmptySubsequences: false) {
            guard !component.isEmpty else {
                return FormatError(message: "the repository path \"\(written)\" has an empty component (a '//' or a '/' at the start or end)",
                    hint: "remove the extra '/'")
            }
            if let problem = componentProblem(component) {
                return FormatError(message: "the path component \"\(ASCII.shown(ASCII.string(component), limit: 40))\" of \"\(written)\" \(problem)")
            }
        }
        return nil
    }

    /// `alpha-numeric (separator alpha-numeric)*` with `alpha-numeric := [a-z0-9]+` and
    /// `separator := "." | "_" | "__" | "-"+`; the reason it does not match, or `nil`.
    static func componentProblem(_ component: ArraySlice<UInt8>) -> String? {
        var index = component.startIndex
        let end = component.endIndex
        if let first = component.first, !ASCII.isLowerOrDigit(first), isSeparator(first) {
            return "starts with \(ASCII.quoted(first)); a component must start with a letter or digit"
        }
        while index < end {
            while index < end && ASCII.isLowerOrDigit(component[index]) { index += 1 }
            guard index < end else { return nil }
            let byte = component[index]
            guard isSeparator(byte) else {
                return "contains \(ASCII.quoted(byte)); a repository path has only a–z, 0–9, '.', '_', '-' and '/'"
            }
            let separatorStart = index
            while index < end && isSeparator(component[index]) { index += 1 }
            let separator = component[separatorStart..<index]
            guard index < end else {
                return "ends with \(ASCII.quoted(byte)); a component must end with a letter or digit"
            }
            let valid = separator.count == 1 || separator.elementsEqual("__".utf8) || separator.allSatisfy { $0 == ASCII.hyphen }
            guard valid else {
                return "has the separator \"\(ASCII.string(separator))\"; between letters and digits only one '.', one '_', two '_' or a run of '-' may stand"
            }
        }
        return nil
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == ASCII.dot || byte == ASCII.underscore || byte == ASCII.hyphen
    }

    /// What is wrong with a tag, if anything: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`.
    static func tagError(_ tag: ArraySlice<UInt8>, name: @autoclosure () -> String) -> FormatError? {
        var shownName: String { ASCII.shown(name(), limit: 40) }
        guard let first = tag.first else {
            return FormatError(message: "the tag after ':' in \"\(shownName):\" is empty",
                hint: "remove the ':' (the tag latest is then implied) or write a tag, such as \(shownName):1.0")
        }
        var written: String { ASCII.shown(ASCII.string(tag), limit: 40) }
        if tag.count > ImageReference.maximumTagLength {
            return FormatError(code: .tooLong,
                message: "the tag \"\(written)\" is \(tag.count) characters long; the limit is \(ImageReference.maximumTagLength)")
        }
        guard ASCII.isWord(first) else {
            return FormatError(message: "the tag \"\(written)\" starts with \(ASCII.quoted(first)); a tag must start with a letter, digit or '_'",
                hint: "write \(shownName):\(ASCII.shown(ASCII.string(tag.drop { !ASCII.isWord($0) }), limit: 40))")
        }
        if let bad = tag.first(where: { !ASCII.isWord($0) && $0 != ASCII.dot && $0 != ASCII.hyphen }) {
            if bad == ASCII.plus {
                let fixed = ASCII.string(tag.map { $0 == ASCII.plus ? ASCII.underscore : $0 })
                return FormatError(message: "the tag \"\(written)\" contains '+', which tags may not contain (SemVer build metadata does not fit a tag)",
                    hint: "write \(shownName):\(ASCII.shown(fixed, limit: 40)) (Helm maps '+' to '_' the same way)")
            }
            return FormatError(message: "the tag \"\(written)\" contains \(ASCII.quoted(bad)); a tag has only letters, digits, '_', '.' and '-'")
        }
        return nil
    }
}
