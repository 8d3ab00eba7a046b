public import PlannerKernel

/// A content digest (`sha256:…` or `sha512:…`) that pins an image, checked as the OCI image-spec
/// asks: a registered algorithm and exactly the right number of lower-case hex digits.
///
/// Only sha256 (64 hex) and sha512 (128 hex) are accepted; sha384, blake3 and anything else are
/// refused with `unsupported-digest-algorithm` (formats.md §1.3).
public struct ImageDigest: Sendable, Hashable, CustomStringConvertible {
    /// The digest algorithms the planner accepts.
    public enum Algorithm: String, Sendable, Hashable, CaseIterable {
        /// SHA-256: 64 hex digits.
        case sha256
        /// SHA-512: 128 hex digits.
        case sha512

        /// How many hex digits an encoded digest of this algorithm has.
        public var hexLength: Int {
            switch self {
            case .sha256: 64
            case .sha512: 128
            }
        }
    }

    /// The algorithm.
    public let algorithm: Algorithm
    /// The lower-case hex encoding.
    public let hex: String

    /// `algorithm:hex`.
    public var description: String { "\(algorithm.rawValue):\(hex)" }

    /// Parses `sha256:<64 hex>` or `sha512:<128 hex>`, or throws what is wrong with it.
    public init(parsing text: String) throws(FormatError) {
        try self.init(bytes: Array(text.utf8)[...])
    }

    init(bytes: ArraySlice<UInt8>) throws(FormatError) {
        let written = ASCII.shown(ASCII.string(bytes), limit: 24)
        guard !bytes.isEmpty else {
            throw FormatError(message: "the digest is empty", hint: "write sha256: followed by 64 lower-case hex digits")
        }
        guard let colon = bytes.firstIndex(of: ASCII.colon) else {
            if bytes.allSatisfy(ASCII.isHex), let algorithm = Algorithm.allCases.first(where: { $0.hexLength == bytes.count }) {
                throw FormatError(message: "the digest \"\(written)\" has no algorithm prefix",
                    hint: "write \(algorithm.rawValue):\(ASCII.lowercased(bytes))")
            }
            throw FormatError(message: "the digest \"\(written)\" is not of the form algorithm:hex",
                hint: "write sha256: followed by 64 lower-case hex digits")
        }
        let name = bytes[..<colon]
        let encoded = bytes[(colon + 1)...]
        guard Self.isAlgorithmName(name) else {
            throw FormatError(message: "the digest algorithm \"\(ASCII.shown(ASCII.string(name), limit: 24))\" is not a valid algorithm name",
                hint: "write sha256: followed by 64 lower-case hex digits")
        }
        guard let algorithm = Algorithm(rawValue: ASCII.string(name)) else {
            let lowered = ASCII.lowercased(name)
            throw FormatError(code: .unsupportedDigestAlgorithm,
                message: "the digest algorithm \"\(ASCII.shown(ASCII.string(name), limit: 24))\" is not supported; only sha256 and sha512 are accepted",
                hint: Algorithm(rawValue: lowered) != nil ? "write the algorithm in lower case: \(lowered)" : nil)
        }
        if let bad = encoded.first(where: { !ASCII.isHex($0) }) {
            throw FormatError(message: "the \(algorithm.rawValue) digest \"\(written)\" contains \(ASCII.quoted(bad)), which is not a hex digit")
        }
        if encoded.contains(where: ASCII.isUpper) {
            throw FormatError(message: "the \(algorithm.rawValue) digest \"\(written)\" has upper-case hex digits; digests are written in lower case",
                hint: "lower-case it: \(algorithm.rawValue):\(ASCII.shown(ASCII.lowercased(encoded), limit: 16))")
        }
        guard encoded.count == algorithm.hexLength else {
            throw FormatError(message: "the \(algorithm.rawValue) digest \"\(written)\" has \(encoded.count) hex digits; it needs exactly \(algorithm.hexLength)",
                hint: "copy the whole digest: it looks cut short or padded")
        }
        self.algorithm = algorithm
        self.hex = ASCII.string(encoded)
    }

    /// The `algorithm` production of the reference grammar: `[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*`.
    static func isAlgorithmName(_ bytes: ArraySlice<UInt8>) -> Bool {
        var expectLetter = true
        for byte in bytes {
            if expectLetter {
                guard ASCII.isLower(byte) || ASCII.isUpper(byte) else { return false }
                expectLetter = false
            } else if byte == ASCII.hyphen || byte == ASCII.underscore || byte == ASCII.plus || byte == ASCII.dot {
                expectLetter = true
            } else if !ASCII.isLetterOrDigit(byte) {
                return false
            }
        }
        return !expectLetter
    }
}
