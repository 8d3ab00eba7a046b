public import PlannerKernel

/// An OCI/Docker image reference, parsed with the grammar of `distribution/reference`
/// (formats.md §1.2) and normalised the way `docker pull` does (§1.4):
/// `ubuntu` → `docker.io/library/ubuntu:latest`.
///
/// ```swift
/// let reference = try ImageReference(parsing: "ubuntu:22.04")
/// reference.canonical  // "docker.io/library/ubuntu:22.04"
/// ```
///
/// The planner is stricter than Docker in a few places (formats.md §1.7): a first component that
/// would be a registry only because it has upper-case letters (`UBUNTU/ubuntu`) is refused, the
/// whole `domain/path` may not exceed 255 characters, a registry port must be 1–65535, and only
/// sha256 and sha512 digests are accepted.
public struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The reference as written.
    public let input: String
    /// The registry domain after normalisation (`docker.io` when none was written).
    public let domain: String
    /// The repository path after normalisation (`library/ubuntu`).
    public let path: String
    /// The tag as written, when one was written.
    public let tag: String?
    /// The digest, when one was written (or applied with ``pinned(to:)``).
    public let digest: ImageDigest?
    /// Whether the input has no `/` yet looks like a registry address (`myregistry:5000`,
    /// `ghcr.io`), so that it silently names a Docker Hub image instead.
    public let looksLikeRegistry: Bool

    /// The tag implied when neither a tag nor a digest is written.
    public static let defaultTag = "latest"
    /// The longest repository path (`RepositoryNameTotalLengthMax`), and the longest `domain/path`.
    public static let maximumNameLength = 255
    /// The longest tag.
    public static let maximumTagLength = 128

    /// `domain/path`, without tag or digest.
    public var name: String { "\(domain)/\(path)" }

    /// The normalised reference: `name@digest` when pinned (a tag is then dropped, as Docker does),
    /// otherwise `name:tag` with `latest` implied.
    public var canonical: String {
        if let digest { return "\(name)@\(digest)" }
        return "\(name):\(tag ?? Self.defaultTag)"
    }

    /// The canonical form.
    public var description: String { canonical }

    /// Parses and normalises `text`, or throws every independent thing wrong with it.
    public init(parsing text: String) throws(ImageReferenceError) {
        var parser = ImageReferenceParser(text)
        guard let parsed = parser.parse() else { throw ImageReferenceError(errors: parser.errors) }
        self = parsed
    }

    init(input: String, domain: String, path: String, tag: String?, digest: ImageDigest?, looksLikeRegistry: Bool) {
        self.input = input
        self.domain = domain
        self.path = path
        self.tag = tag
        self.digest = digest
        self.looksLikeRegistry = looksLikeRegistry
    }

    /// This reference pinned to `digest` (the taskinfo's separate `digest` field).
    public func pinned(to digest: ImageDigest) -> ImageReference {
        ImageReference(input: input, domain: domain, path: path, tag: tag, digest: digest, looksLikeRegistry: looksLikeRegistry)
    }
}

/// Why a string is not a usable image reference: every independent error found (registry, path,
/// tag and digest are checked separately).
public struct ImageReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The errors, in the order of the reference's parts.
    public var errors: [FormatError]

    /// The errors joined with `; `.
    public var description: String { errors.map(\.description).joined(separator: "; ") }
}
