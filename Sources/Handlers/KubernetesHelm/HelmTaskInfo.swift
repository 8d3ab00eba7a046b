public import PlannerKernel

/// A validated helm `taskinfo`: which chart, which version, with what values, as which release in
/// which namespace.
public struct HelmTaskInfo: Sendable, Hashable {
    /// Where the chart comes from. For an OCI chart pinned by `version`, the reference carries the tag.
    public var source: HelmChartSource
    /// The version asked for, or the tag's version for a tagged OCI reference; `nil` for an archive
    /// (which fixes its own version) or when the task leaves it open (the newest stable release).
    public var version: HelmVersionRequirement?
    /// The chart's value overrides (may hold secrets: never logged or echoed).
    public var values: JSONObject?
    /// The release name, when the task chooses one.
    public var release: String?
    /// The namespace, when the task chooses one.
    public var namespace: String?

    /// A task from its parts.
    public init(source: HelmChartSource, version: HelmVersionRequirement?, values: JSONObject?, release: String?, namespace: String?) {
        self.source = source
        self.version = version
        self.values = values
        self.release = release
        self.namespace = namespace
    }

    /// Whether the task names exactly one chart build: an archive, an OCI tag or digest, or an exact version.
    public var isPinned: Bool {
        switch source {
        case .archive: true
        case .oci(let reference): reference.tag != nil || reference.digest != nil
        case .repository: version?.exactVersion != nil
        }
    }

    /// The `taskinfo` keys.
    static let fieldNames: Set<String> = ["chart", "repository", "name", "version", "values", "release", "namespace"]
}
