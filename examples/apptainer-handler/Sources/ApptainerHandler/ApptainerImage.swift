import DockerContainerHandler
public import PlannerKernel

/// An image Apptainer can pull, in one of its three transports:
///
/// * `docker://[registry/]repository[:tag][@digest]`: an OCI image, converted to SIF on pull;
///   Docker Hub when no registry is written, as `docker` itself does.
/// * `oras://registry/repository[:tag][@digest]`: a SIF file stored as an OCI artifact; the
///   registry must be written.
/// * `library://[entity/[collection/]]container[:tag]`: the Sylabs library; the entity defaults
///   to `library` and the collection to `default`. A tag of the form `sha256.<64 hex>` pins the file.
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
            if transport == .oras && image.domain == "docker.io" && !rest.hasPrefix("docker.io/") {
                throw FormatError(message: "\"\(rest.prefix(120))\" has no registry host; ORAS has no default registry",
                    hint: "begin with the registry host, for example ghcr.io/\(rest.prefix(80))")
            }
            self.init(transport: transport, reference: image.canonical, isPinned: image.digest != nil)
        case .library:
            let (reference, pinned) = try LibraryReference.normalise(rest)
            self.init(transport: .library, reference: reference, isPinned: pinned)
        }
    }

    init(transport: Transport, reference: String, isPinned: Bool) {
        self.transport = transport
        self.reference = reference
        self.isPinned = isPinned
    }
}

/// The Sylabs library's `[host/][entity/[collection/]]container[:tag]`.
enum LibraryReference {
    static let maximumSegment = 128

    /// The reference with entity, collection and tag filled in, and whether the tag pins a file.
    static func normalise(_ text: String) throws(FormatError) -> (String, Bool) {
        var path = Substring(text)
        var tag = "latest"
        if let colon = text.lastIndex(of: ":") {
            tag = String(text[text.index(after: colon)...])
            path = text[..<colon]
            guard isTag(tag) else {
                throw FormatError(message: "the tag \"\(tag.prefix(80))\" is not a library tag",
                    hint: "use letters, digits, '.', '_' and '-' (at most 128), or sha256.<64 hex digits> to pin the file")
            }
        }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if segments.count == 4, segments[0].contains(".") { segments.removeFirst() }  // a library host, such as cloud.sylabs.io
        guard (1...3).contains(segments.count) else {
            throw FormatError(message: "\"\(text.prefix(120))\" has \(segments.count) path segments; a library reference has one to three",
                hint: "write library://entity/collection/container:tag, or library://container:tag")
        }
        for segment in segments where !isSegment(segment) {
            throw FormatError(message: "\"\(segment.prefix(80))\" is not a library name",
                hint: "use lower-case letters and digits, separated by '.', '_' or '-' (at most \(maximumSegment))")
        }
        let container = segments[segments.count - 1]
        let entity = segments.count >= 2 ? segments[0] : "library"
        let collection = segments.count == 3 ? segments[1] : "default"
        return ("\(entity)/\(collection)/\(container):\(tag)", tag.hasPrefix("sha256."))
    }

    static func isSegment(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.count <= maximumSegment, let first = bytes.first, let last = bytes.last,
              isLowerAlphanumeric(first), isLowerAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    static func isTag(_ text: String) -> Bool {
        if text.hasPrefix("sha256.") {
            let hex = text.utf8.dropFirst("sha256.".count)
            return hex.count == 64 && hex.allSatisfy { isHexDigit($0) }
        }
        let bytes = Array(text.utf8)
        return !bytes.isEmpty && bytes.count <= maximumSegment
            && bytes.allSatisfy { isLowerAlphanumeric($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
