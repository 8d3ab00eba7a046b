public import PlannerKernel

extension ProblemCode {
    /// Warning: the image is named by a tag only, which can move; the run is not reproducible.
    public static let mutableTag: ProblemCode = "mutable-tag"
    /// Warning: a tag was given together with a digest; only the digest decides which image runs.
    public static let tagIgnored: ProblemCode = "tag-ignored"
    /// Warning: the reference looks like a registry address (`myregistry:5000`) but reads as a
    /// Docker Hub image with a tag.
    public static let looksLikeRegistry: ProblemCode = "looks-like-registry"
    /// A digest names an algorithm other than sha256 or sha512.
    public static let unsupportedDigestAlgorithm: ProblemCode = "unsupported-digest-algorithm"
    /// The same port (and protocol) is listed twice.
    public static let duplicatePort: ProblemCode = "duplicate-port"
}
