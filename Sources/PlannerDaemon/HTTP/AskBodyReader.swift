import Foundation
import NIOCore
public import Hummingbird
public import PlannerKernel

/// Reads a request body into a ``JSONValue``: checks the media type (`415`), the size (`413`),
/// then parses JSON or YAML strictly (`400`).
public struct AskBodyReader: Sendable {
    /// The largest body accepted, in bytes.
    public var maximumBytes: Int

    /// A reader with the given limit.
    public init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    /// The body's formats.
    public enum Format: Sendable {
        /// `application/json`.
        case json
        /// `application/yaml`, `application/x-yaml` or `text/yaml`.
        case yaml
    }

    /// The YAML media types: the registered `application/yaml` (RFC 9512) first, then the older spellings.
    public static let yamlMediaTypes = ["application/yaml", "text/yaml", "application/x-yaml", "text/x-yaml"]

    /// The format named by a `Content-Type` value, or `nil` when it is neither JSON nor YAML
    /// (or names a charset other than UTF-8).
    public static func format(of contentType: String?) -> Format? {
        guard let contentType else { return nil }
        let parts = contentType.split(separator: ";").map { trimmed($0, removing: [" ", "\t"]).lowercased() }
        guard let mediaType = parts.first else { return nil }
        for parameter in parts.dropFirst() where parameter.hasPrefix("charset=") {
            let charset = trimmed(parameter.dropFirst("charset=".count), removing: ["\""])
            guard charset == "utf-8" || charset == "utf8" else { return nil }
        }
        switch mediaType {
        case "application/json": return .json
        case _ where yamlMediaTypes.contains(mediaType): return .yaml
        default: return nil
        }
    }

    /// `text` without leading and trailing `characters`. (Foundation's `trimmingCharacters(in:)`
    /// was the largest single cost of a `POST /plan` outside planning; this runs on every ask.)
    static func trimmed(_ text: Substring, removing characters: Set<Character>) -> Substring {
        let start = text.firstIndex { !characters.contains($0) } ?? text.endIndex
        let end = text.lastIndex { !characters.contains($0) }.map(text.index(after:)) ?? start
        return text[start..<max(start, end)]
    }

    /// Reads and parses the body.
    /// - Throws: ``ProblemDetails`` with `415`, `413` or `400`.
    public func read(_ request: Request) async throws -> JSONValue {
        let contentType = request.headers[.contentType]
        guard let format = Self.format(of: contentType) else {
            let what = contentType.map { "\"\($0.prefix(100))\"" } ?? "missing"
            throw ProblemDetails(.unsupportedMediaType, detail: "the Content-Type is \(what); send application/json or application/yaml (UTF-8)",
                errors: [Problem(path: .root, code: "unsupported-media-type", message: "the Content-Type \(what) is neither JSON nor YAML",
                    hint: "send Content-Type: application/json")])
        }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > maximumBytes {
            throw tooLarge()
        }
        var body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: maximumBytes)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge()
        } catch is NIOTooManyBytesError {
            throw tooLarge()
        }
        let bytes = body.readBytes(length: body.readableBytes) ?? []
        do {
            switch format {
            case .json:
                return try StrictJSONParser().parse(bytes)
            case .yaml:
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    throw JSONParseError(problems: [Problem(path: .root, code: .invalidEncoding, message: "the body is not valid UTF-8")])
                }
                return try YAMLDocumentReader().parse(text)
            }
        } catch let error as JSONParseError {
            throw ProblemDetails.unreadableBody(error.problems, format: format == .json ? "JSON" : "YAML")
        }
    }

    func tooLarge() -> ProblemDetails {
        ProblemDetails(.contentTooLarge, detail: "the body is larger than \(maximumBytes) bytes",
            errors: [Problem(path: .root, code: "body-too-large", message: "the body is larger than the limit of \(maximumBytes) bytes")])
    }
}
