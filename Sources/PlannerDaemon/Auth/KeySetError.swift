/// Why a JWKS file cannot be used: every problem found, each naming the key (`keys[1].crv: …`).
public struct KeySetError: Error, Sendable, CustomStringConvertible {
    /// The problems, in file order.
    public var problems: [String]

    /// An error.
    public init(_ problems: [String]) { self.problems = problems }

    /// The problems on one line.
    public var description: String { problems.joined(separator: "; ") }
}
