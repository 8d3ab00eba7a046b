public import PlannerKernel

extension ProblemCode {
    /// Warning: the chart's version is a constraint or absent, so the installed release may change over time.
    public static let unpinnedVersion: ProblemCode = "unpinned-version"
    /// Warning: a `version` Helm accepts but strict SemVer 2 does not (`v1.2.3`, `1.2`, `1`); read as a constraint.
    public static let versionNotSemVer: ProblemCode = "version-not-semver"
    /// Warning: a chart name that breaks Helm's naming best practice (lower case, digits, dashes).
    public static let chartNameStyle: ProblemCode = "chart-name-style"
    /// Warning: a chart archive URL whose last path segment does not end in `.tgz`.
    public static let archiveNotTgz: ProblemCode = "archive-not-tgz"
}
