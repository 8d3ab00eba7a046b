import PlannerKernel

/// Splits an image reference into registry, path, tag and digest and checks each part, collecting
/// every independent error. The path and tag rules live in `ImageReferenceParts.swift`.
struct ImageReferenceParser {
    let text: String
    let bytes: [UInt8]
    private(set) var errors: [FormatError] = []

    init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// The reference, or `nil` with ``errors`` filled in.
    mutating func parse() -> ImageReference? {
        if let error = Self.unusableWhole(text, bytes) {
            errors.append(error)
            return nil
        }
        let (text, bytes) = (self.text, self.bytes)
        var shown: String { ASCII.shown(text) }  // only for messages: most references are valid
        // reference := name [":" tag] ["@" digest]; the digest starts at the first '@'.
        let at = bytes.firstIndex(of: ASCII.at)
        let nameAndTag = bytes[..<(at ?? bytes.endIndex)]
        var digestBytes = at.map { bytes[($0 + 1)...] }
        if let digestPart = digestBytes, digestPart.contains(ASCII.at) {
            errors.append(FormatError(message: "\"\(shown)\" has more than one '@'; a reference has at most one digest"))
            digestBytes = nil
        }
        // The tag is after a ':' in the last path component (a ':' before a '/' is a port).
        let lastSlash = nameAndTag.lastIndex(of: ASCII.slash)
        if lastSlash == nil && nameAndTag.first == ASCII.openBracket {
            errors.append(FormatError(message: "\"\(shown)\" is a registry address without a repository path",
                hint: "add the repository after a '/', such as \(ASCII.shown(ASCII.string(nameAndTag)))/team/app:1.0"))
            return nil
        }
        let lastComponent = nameAndTag[((lastSlash ?? (nameAndTag.startIndex - 1)) + 1)...]
        let colons = lastComponent.indices.filter { lastComponent[$0] == ASCII.colon }
        var name = nameAndTag
        var tagBytes: ArraySlice<UInt8>?
        if let firstColon = colons.first {
            name = nameAndTag[..<firstColon]
            if colons.count > 1 {
                errors.append(FormatError(message: "\"\(shown)\" has more than one ':' after its last '/'; a reference has at most one tag",
                    hint: "keep one tag: \(ASCII.shown(ASCII.string(nameAndTag[..<colons[1]])))"))
            } else {
                tagBytes = nameAndTag[(firstColon + 1)...]
            }
        }
        guard !name.isEmpty else {
            let before = tagBytes != nil || !colons.isEmpty ? "':'" : "'@'"
            errors.append(FormatError(message: "\"\(shown)\" has no repository name before \(before)",
                hint: "start with the repository, such as ubuntu\(ASCII.shown(text, limit: 40))"))
            return nil
        }

        // The first component is a registry if it has '.' or ':', is localhost, or is an IPv6 address.
        var domainBytes: ArraySlice<UInt8>?
        var pathBytes = name
        if let slash = name.firstIndex(of: ASCII.slash) {
            let first = name[..<slash]
            if first.contains(ASCII.dot) || first.contains(ASCII.colon) || first.elementsEqual("localhost".utf8)
                || first.first == ASCII.openBracket
            {
                domainBytes = first
                pathBytes = name[(slash + 1)...]
            } else if first.contains(where: ASCII.isUpper) {
                errors.append(FormatError(
                    message: "the first component \"\(ASCII.shown(ASCII.string(first), limit: 40))\" of \"\(shown)\" has upper-case letters; Docker would take it for a registry host, the planner (stricter than Docker here) refuses it",
                    hint: "write it in lower case: \(ASCII.shown(ASCII.lowercased(first) + ASCII.string(bytes[slash...])))"))
                pathBytes = name[(slash + 1)...]
            }
        }

        var domain = RegistryDomain.dockerHub
        if let domainBytes {
            do {
                domain = try RegistryDomain(bytes: domainBytes).text
            } catch {
                errors.append(error)
            }
            if domainBytes.elementsEqual("hub.docker.com".utf8) {
                errors.append(Self.webPageError(shown: shown, path: pathBytes))
                return nil
            }
        }
        if let error = ImageReferenceParts.pathError(
            pathBytes, prefix: domainBytes.map { ASCII.string(bytes[..<$0.endIndex]) + "/" } ?? "", suffix: ASCII.string(bytes[name.endIndex...]))
        {
            errors.append(error)
        }
        var path = ASCII.string(pathBytes)
        if domain == RegistryDomain.dockerHub && !pathBytes.contains(ASCII.slash) { path = "library/" + path }
        if path.utf8.count > ImageReference.maximumNameLength {
            errors.append(FormatError(code: .tooLong,
                message: "the repository path of \"\(shown)\" is \(path.utf8.count) characters long; the limit is \(ImageReference.maximumNameLength)"))
        } else if domain.utf8.count + 1 + path.utf8.count > ImageReference.maximumNameLength {
            errors.append(FormatError(code: .tooLong,
                message: "\"\(domain)/\(ASCII.shown(path, limit: 40))\" is \(domain.utf8.count + 1 + path.utf8.count) characters long; the planner (stricter than Docker here) limits registry and path together to \(ImageReference.maximumNameLength), as many clients do"))
        }
        if let tagBytes, let error = ImageReferenceParts.tagError(tagBytes, name: ASCII.string(name)) {
            errors.append(error)
        }
        var digest: ImageDigest?
        if let digestBytes {
            do { digest = try ImageDigest(bytes: digestBytes) } catch { errors.append(error) }
        }
        guard errors.isEmpty else { return nil }

        let tag = tagBytes.map(ASCII.string)
        let looksLikeRegistry = lastSlash == nil
            && (name.contains(ASCII.dot) || name.elementsEqual("localhost".utf8)
                || (tagBytes.map { (4...5).contains($0.count) && $0.allSatisfy(ASCII.isDigit) } ?? false))
        return ImageReference(input: text, domain: domain, path: path, tag: tag, digest: digest, looksLikeRegistry: looksLikeRegistry)
    }

    /// Where the first `://` starts in `bytes`, if anywhere (a byte scan: this runs for every ask).
    static func schemeSeparator(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 3 else { return nil }
        for index in 0..<(bytes.count - 2) where bytes[index] == ASCII.colon {
            if bytes[index + 1] == ASCII.slash, bytes[index + 2] == ASCII.slash { return index }
        }
        return nil
    }

    /// Problems that make the whole string unusable: empty, a URL, whitespace or non-ASCII, a bare image ID.
    static func unusableWhole(_ text: String, _ bytes: [UInt8]) -> FormatError? {
        var shown: String { ASCII.shown(text) }  // only for messages: most references are valid
        guard !bytes.isEmpty else {
            return FormatError(message: "the image reference is empty", hint: "give an image such as ubuntu:22.04 or ghcr.io/org/app@sha256:…")
        }
        if let colon = schemeSeparator(in: bytes) {
            let scheme = ASCII.string(bytes[..<colon])
            let rest = ASCII.string(bytes[(colon + 3)...])
            let note = scheme == "oci" ? " (oci:// is Helm's and ORAS's notation)" : ""
            return FormatError(message: "\"\(shown)\" is a URL, not an image reference: a reference has no scheme\(note)",
                hint: "drop \"\(ASCII.shown(scheme, limit: 20))://\": write \(ASCII.shown(rest))")
        }
        if let bad = bytes.first(where: { !ASCII.isVisible($0) }) {
            let trimmed = text.trimmingWhitespace()
            if bad > 0x7F {
                let character = text.first { !$0.isASCII }.map { "'\($0)'" } ?? "a non-ASCII character"
                return FormatError(message: "\"\(shown)\" contains \(character); a reference has ASCII letters, digits and . _ - / : @ only")
            }
            if trimmed != text && !trimmed.isEmpty && trimmed.allSatisfy({ !$0.isWhitespace }) {
                return FormatError(message: "\"\(shown)\" has leading or trailing whitespace; the planner does not trim references",
                    hint: "write \(ASCII.shown(trimmed))")
            }
            if bad == 0x20 {
                let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
                let hint = words.count == 2 && !words[0].contains(":") ? "to give a tag, join them with ':': \(ASCII.shown(words[0] + ":" + words[1]))" : "remove the spaces"
                return FormatError(message: "\"\(shown)\" contains a space; a reference is a single word", hint: hint)
            }
            return FormatError(message: "\"\(shown)\" contains a control character (\(ASCII.quoted(bad))) or other whitespace")
        }
        if bytes.count == 64 && bytes.allSatisfy(ASCII.isLowerHex) {
            return FormatError(message: "\"\(ASCII.shown(text, limit: 16))\" is a bare 64-hex image ID, not a repository name (Docker refuses it too)",
                hint: "name the repository and pin the digest: <repository>@sha256:\(ASCII.shown(text, limit: 12))")
        }
        return nil
    }

    /// `hub.docker.com/r/org/app` or `hub.docker.com/_/ubuntu`: a web page copied instead of a reference.
    static func webPageError(shown: String, path: ArraySlice<UInt8>) -> FormatError {
        let components = path.split(separator: ASCII.slash).map(ASCII.string)
        var repository = components
        if let first = repository.first, first == "r" || first == "_" { repository.removeFirst() }
        if repository.first == "library" { repository.removeFirst() }
        let suggestion = repository.prefix(2).joined(separator: "/")
        return FormatError(message: "\"\(shown)\" is the address of a Docker Hub web page, not of a registry (the planner refuses what Docker would try to pull from hub.docker.com)",
            hint: suggestion.isEmpty ? "write the image name, such as ubuntu or org/app" : "write \(suggestion)")
    }
}

extension String {
    /// The string without leading and trailing whitespace (Foundation-free).
    fileprivate func trimmingWhitespace() -> String {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return start < end ? String(self[start..<end]) : ""
    }
}
