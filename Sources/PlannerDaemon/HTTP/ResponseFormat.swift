public import Hummingbird
public import PlannerKernel

/// The format of a `200` answer, chosen from the request's `Accept` header (RFC 9110 §12.5.1):
/// YAML when the client prefers any YAML media type to JSON, JSON otherwise (also when `Accept` is
/// missing, malformed, or accepts neither). YAML answers are labelled with the registered
/// `application/yaml` (RFC 9512). Error answers are always `application/problem+json`.
public enum ResponseFormat: Sendable, Equatable {
    /// `application/json`.
    case json
    /// `application/yaml`.
    case yaml

    /// The format preferred by an `Accept` header value.
    public static func preferred(by accept: String?) -> ResponseFormat {
        guard let accept, !accept.isEmpty else { return .json }
        let ranges = MediaRange.list(accept)
        guard !ranges.isEmpty else { return .json }
        let json = MediaRange.quality(of: "application/json", in: ranges)
        let yaml = AskBodyReader.yamlMediaTypes.map { MediaRange.quality(of: $0, in: ranges) }.max() ?? 0
        return yaml > json ? .yaml : .json
    }

    /// The `Content-Type` of answers in this format.
    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .yaml: "application/yaml"
        }
    }

    /// The body bytes of `value` in this format.
    public func body(_ value: JSONValue) -> ByteBuffer {
        switch self {
        case .json: ByteBuffer(bytes: value.serialized())
        case .yaml: ByteBuffer(string: YAMLDocumentWriter().write(value))
        }
    }
}

/// One media range of an `Accept` header: `type/subtype` (either may be `*`) and its weight.
struct MediaRange: Sendable, Equatable {
    var type: Substring
    var subtype: Substring
    var quality: Double

    /// The media ranges of an `Accept` value, lower-cased; malformed elements are skipped.
    static func list(_ accept: String) -> [MediaRange] {
        accept.lowercased().split(separator: ",").compactMap { element in
            let parts = element.split(separator: ";").map { AskBodyReader.trimmed($0, removing: [" ", "\t"]) }
            guard let range = parts.first, let slash = range.firstIndex(of: "/") else { return nil }
            let type = range[..<slash]
            let subtype = range[range.index(after: slash)...]
            guard !type.isEmpty, !subtype.isEmpty, type != "*" || subtype == "*" else { return nil }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                guard let value = Double(parameter.dropFirst(2)), (0...1).contains(value) else { return nil }
                quality = value
            }
            return MediaRange(type: type, subtype: subtype, quality: quality)
        }
    }

    /// How much `mediaType` is wanted: the weight of the most specific range that matches it
    /// (`type/subtype`, then `type/*`, then `*/*`), or 0 when none does.
    static func quality(of mediaType: String, in ranges: [MediaRange]) -> Double {
        let parts = mediaType.split(separator: "/")
        guard parts.count == 2 else { return 0 }
        var best: (specificity: Int, quality: Double)?
        for range in ranges {
            let specificity: Int
            if range.type == parts[0] && range.subtype == parts[1] {
                specificity = 2
            } else if range.type == parts[0] && range.subtype == "*" {
                specificity = 1
            } else if range.type == "*" {
                specificity = 0
            } else {
                continue
            }
            if specificity > (best?.specificity ?? -1) || (specificity == best?.specificity && range.quality > (best?.quality ?? 0)) {
                best = (specificity, range.quality)
            }
        }
        return best?.quality ?? 0
    }
}

extension Response {
    /// A `200` (or other) answer of `value` in the format the request's `Accept` header prefers,
    /// with `Vary: Accept` so that caches keep the formats apart (RFC 9110 §12.5.5).
    public static func document(_ value: JSONValue, for request: Request, status: HTTPResponse.Status = .ok) -> Response {
        let format = ResponseFormat.preferred(by: request.headers[.accept])
        return Response(status: status, headers: [.contentType: format.contentType, .vary: "Accept"], body: .init(byteBuffer: format.body(value)))
    }
}
