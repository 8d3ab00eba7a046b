import DockerContainerHandler
public import PlannerKernel

/// An image Apptainer can pull, in one of its three transports:
///
/// * `docker://[registry/]repository[:tag][@digest]`: an OCI image, converted to SIF on pull;
///   Docker Hub when no registry is written, as `docker` itself does.
/// * `oras://registry/repository[:tag][@digest]`: a SIF file stored as an OCI artifact; the
///   registry must be written.
/// * `library://[host[:port]/]entity/collection/container[:tag]` or `library://container[:tag]`:
///   the Sylabs library (the short form is `library/default/container` in the service's library).
///   A tag `sha256.<64 hex>` or `sif.<uuid>` pins the file.
public struct ApptainerImage: Sendable, Hashable, CustomStringConvertible {
    /// The transport, the part before `://`.
    public enum Transport: String, Sendable, Hashable, CaseIterable {
        /// An OCI image from a container registry.
        case docker
        /// A SIF file in an OCI registry (ORAS).
        case oras
        /// A SIF file in a Sylabs library.
        case library
    }

    /// The transport.
    public let transport: Transport
    /// The reference after `transport://`, normalised: `docker.io/library/alpine:3.20`,
    /// `ghcr.io/org/tool:1.0`, `library/default/alpine:latest`.
    public let reference: String
    /// Whether the reference names one immutable file or image (a digest, or a `sha256.` library tag).
    public let isPinned: Bool

    /// `transport://reference`.
    public var canonical: String { "\(transport.rawValue)://\(reference)" }
    /// The canonical form.
    public var description: String { canonical }

    /// The longest reference accepted, in bytes.
    public static let maximumLength = 512

    /// Reads `text`.
    /// - Throws: ``FormatError`` saying what is wrong and what to write instead.
    public init(parsing text: String) throws(FormatError) {
        guard text.utf8.count <= Self.maximumLength else {
            throw FormatError(code: .tooLong, message: "the image reference is longer than \(Self.maximumLength) bytes")
        }
        guard let separator = text.firstRange(of: "://") else {
            throw FormatError(message: "\"\(text.prefix(80))\" has no transport",
                hint: "write docker://\(text.prefix(80)), oras://registry/\(text.prefix(80)) or library://\(text.prefix(80))")
        }
        let scheme = String(text[..<separator.lowerBound])
        let rest = String(text[separator.upperBound...])
        guard let transport = Transport(rawValue: scheme) else {
            throw FormatError(message: "the transport \"\(scheme.prefix(40))\" is not one Apptainer pulls from here",
                hint: "use docker://, oras:// or library://")
        }
        switch transport {
        case .docker, .oras:
            let image: ImageReference
            do { image = try ImageReference(parsing: rest) } catch {
                throw FormatError(message: "\"\(rest.prefix(120))\" is not an OCI reference: \(error.description)")
            }
            if transport == .oras && !Self.namesRegistry(rest) {
                throw FormatError(message: "\"\(rest.prefix(120))\" has no registry host; ORAS has no default registry",
                    hint: "begin with the registry host, for example ghcr.io/\(rest.prefix(80))")
            }
            self.init(transport: transport, reference: image.canonical, isPinned: image.digest != nil)
        case .library:
            let (reference, pinned) = try LibraryReference.normalise(rest)
            self.init(transport: .library, reference: reference, isPinned: pinned)
        }
    }

    /// Whether an OCI reference begins with a registry host, by the reference grammar's own rule:
    /// a first component with a `.` or a `:`, or `localhost`.
    static func namesRegistry(_ reference: String) -> Bool {
        guard let slash = reference.firstIndex(of: "/") else { return false }
        let first = reference[..<slash]
        return first.contains(".") || first.contains(":") || first == "localhost"
    }

    init(transport: Transport, reference: String, isPinned: Bool) {
        self.transport = transport
        self.reference = reference
        self.isPinned = isPinned
    }
}

/// The Sylabs library's references, read as its client library does (`ParseAmbiguous`): one or
/// three path segments name a container in the service's default library
/// (`[entity/collection/]container`); four name a library host first
/// (`host[:port]/entity/collection/container`). Two segments would be a host and a bare container,
/// which no library serves, so they are refused with a hint.
enum LibraryReference {
    static let maximumPart = 128

    /// The reference with entity, collection and tag filled in, and whether the tag pins a file.
    static func normalise(_ text: String) throws(FormatError) -> (String, Bool) {
        var path = Substring(text)
        var tag = "latest"
        let lastSlash = text.lastIndex(of: "/") ?? text.startIndex
        if let colon = text[lastSlash...].lastIndex(of: ":") {
            tag = String(text[text.index(after: colon)...])
            path = text[..<colon]
            guard isTag(tag) else {
                throw FormatError(message: "the tag \"\(tag.prefix(80))\" is not a library tag",
                    hint: "use letters and digits separated by '.', '_' or '-' (at most \(maximumPart)), or sha256.<64 hex digits> to pin the file")
            }
        }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var host: String?
        if segments.count == 4 {
            let first = segments.removeFirst()
            guard isHost(first) else {
                throw FormatError(message: "\"\(first.prefix(80))\" is not a library host",
                    hint: "write a host name such as library.example.org, with an optional :port")
            }
            host = first
        }
        guard segments.count == 1 || segments.count == 3 else {
            throw FormatError(message: "\"\(text.prefix(120))\" has \(segments.count) path segments; a library reference has one, three, or four with a host",
                hint: "write library://entity/collection/container:tag, library://container:tag, or library://host/entity/collection/container:tag")
        }
        for segment in segments where !isPart(segment) {
            throw FormatError(message: "\"\(segment.prefix(80))\" is not a library name",
                hint: "use lower-case letters and digits, separated by single '.', '_' or '-' (at most \(maximumPart))")
        }
        let names = segments.count == 3 ? segments : ["library", "default", segments[0]]
        let prefix = host.map { "\($0)/" } ?? ""
        let pinned = tag.hasPrefix("sha256.") || tag.hasPrefix("sif.")
        return ("\(prefix)\(names.joined(separator: "/")):\(tag)", pinned)
    }

    /// `[a-z0-9]+([._-][a-z0-9]+)*`, at most 128 bytes.
    static func isPart(_ text: String, allowingUpperCase: Bool = false) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumPart else { return false }
        var previousWasSeparator = true
        for byte in bytes {
            if isSeparator(byte) {
                guard !previousWasSeparator else { return false }
                previousWasSeparator = true
            } else if isLowerAlphanumeric(byte) || (allowingUpperCase && (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)) {
                previousWasSeparator = false
            } else {
                return false
            }
        }
        return !previousWasSeparator
    }

    /// A tag: a name part that may use upper case, `sha256.` and 64 hex digits, or `sif.` and a UUID.
    static func isTag(_ text: String) -> Bool {
        if text.hasPrefix("sha256.") {
            let hex = text.utf8.dropFirst("sha256.".count)
            return hex.count == 64 && hex.allSatisfy { isHexDigit($0) }
        }
        if text.hasPrefix("sif.") {
            let uuid = Array(text.utf8.dropFirst("sif.".count))
            let dashes = [8, 13, 18, 23]
            return uuid.count == 36 && uuid.indices.allSatisfy { dashes.contains($0) ? uuid[$0] == UInt8(ascii: "-") : isHexDigit(uuid[$0]) }
        }
        return isPart(text, allowingUpperCase: true)
    }

    /// A host name of dot-separated labels of letters, digits and '-', with an optional `:port`.
    static func isHost(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard let port = Int(parts[1]), (1...65_535).contains(port), parts[1].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return false }
        }
        let labels = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        return parts[0].utf8.count <= 253 && labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63,
                  first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
            return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
