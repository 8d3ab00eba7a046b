public import HTTPTypes
public import Hummingbird
public import PlannerKernel

/// An error answer (API.md §4): an RFC 9457 `application/problem+json` document listing every problem.
public struct ProblemDetails: Error, HTTPResponseError, Sendable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// One sentence for the whole answer.
    public var detail: String
    /// Every problem found.
    public var errors: [Problem]
    /// Extra headers (`Allow`, `WWW-Authenticate`).
    public var headers: HTTPFields

    /// An error answer.
    public init(_ status: HTTPResponse.Status, detail: String, errors: [Problem] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    /// The `400` answer for a body that cannot be parsed (syntax, encoding, duplicate keys, depth, number range).
    public static func unreadableBody(_ problems: [Problem], format: String = "JSON") -> ProblemDetails {
        ProblemDetails(.badRequest, detail: "the body cannot be read as \(format)", errors: problems)
    }

    /// The answer for an invalid ask (or another request document, named by `subject`): `400`
    /// when it is not an object, else `422` with every problem.
    public static func invalidAsk(_ problems: [Problem], subject: String = "ask") -> ProblemDetails {
        if problems.contains(where: { $0.code == .notAnObject && $0.path == .root }) {
            return ProblemDetails(.badRequest, detail: "the body must be a JSON or YAML object", errors: problems)
        }
        let count = problems.count
        return ProblemDetails(.unprocessableContent, detail: "the \(subject) has \(count) problem\(count == 1 ? "" : "s")", errors: problems)
    }

    /// The document as JSON.
    public var document: JSONValue {
        var object = JSONObject()
        object["type"] = "about:blank"
        object["title"] = .string(status.reasonPhrase)
        object["status"] = .integer(Int64(status.code))
        object["detail"] = .string(detail)
        object["errors"] = .array(errors.map { problem in
            var member = JSONObject()
            member["path"] = .string(problem.path.description)
            member["code"] = .string(problem.code.rawValue)
            member["message"] = .string(problem.message)
            if let hint = problem.hint { member["hint"] = .string(hint) }
            return .object(member)
        })
        return .object(object)
    }

    /// The `application/problem+json` response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: document.serialized())))
    }
}
