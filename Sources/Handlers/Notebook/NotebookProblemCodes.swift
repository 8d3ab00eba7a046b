public import PlannerKernel

extension ProblemCode {
    /// A notebook or repository URL whose scheme is not `https` (or `http`), such as `file:` or `ftp:`.
    public static let unsupportedScheme: ProblemCode = "unsupported-scheme"
    /// A URL of a web page that shows a notebook (a GitHub `blob/` page) rather than the notebook file.
    public static let notRawContent: ProblemCode = "not-raw-content"
    /// A repository path with a `..` segment.
    public static let pathTraversal: ProblemCode = "path-traversal"
    /// A repository path that starts with `/`.
    public static let absolutePath: ProblemCode = "absolute-path"
    /// Warning: the notebook's file name does not end in `.ipynb`.
    public static let unexpectedExtension: ProblemCode = "unexpected-extension"
    /// Warning: the notebook is named by a branch or by no ref at all, so a later run may see other content.
    public static let unpinnedRef: ProblemCode = "unpinned-ref"
    /// An inline notebook whose `nbformat` is not 4.
    public static let unsupportedNbformat: ProblemCode = "unsupported-nbformat"
    /// Warning: an inline notebook with a minor version newer than 4.5, checked with relaxed rules.
    public static let futureNbformatMinor: ProblemCode = "future-nbformat-minor"
    /// A cell whose `cell_type` nbformat 4 does not define.
    public static let unknownCellType: ProblemCode = "unknown-cell-type"
    /// An output whose `output_type` nbformat 4 does not define.
    public static let unknownOutputType: ProblemCode = "unknown-output-type"
    /// Two cells with the same `id`.
    public static let duplicateCellID: ProblemCode = "duplicate-cell-id"
    /// The same tag twice in one cell's `metadata.tags`.
    public static let duplicateTag: ProblemCode = "duplicate-tag"
    /// An inline notebook with more problems than are listed; the last problem says how many were left out.
    public static let tooManyProblems: ProblemCode = "too-many-problems"
}
