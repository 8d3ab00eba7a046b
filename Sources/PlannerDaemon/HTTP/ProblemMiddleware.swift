public import Hummingbird
import Logging
import PlannerKernel

/// Turns every error into an `application/problem+json` answer: a known path with the wrong method
/// becomes `405` with `Allow`, an unknown path `404`, Hummingbird's own errors keep their status,
/// and anything unexpected is a `500` whose body says nothing about the cause (it is logged).
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The served routes, for `405` answers.
    public var routes: RouteTable

    /// A middleware for `routes`.
    public init(routes: RouteTable) { self.routes = routes }

    /// Runs the rest of the chain and converts what it throws.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return try problem.response(from: request, context: context)
        } catch let error as HTTPError {
            return try convert(error, request: request).response(from: request, context: context)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            let detail = "the server failed to answer; the error is logged with this request's id"
            return try ProblemDetails(.internalServerError, detail: detail, errors: [Problem(path: .root, code: "internal-error", message: detail)])
                .response(from: request, context: context)
        }
    }

    func convert(_ error: HTTPError, request: Request) -> ProblemDetails {
        let path = String(request.uri.path.prefix(200))
        if error.status == .notFound, let route = routes.route(matching: request.uri.path), !route.methods.contains(request.method) {
            let allow = route.methods.map(\.rawValue).joined(separator: ", ")
            let detail = "\(route.path) accepts \(allow), not \(request.method.rawValue)"
            return ProblemDetails(.methodNotAllowed, detail: detail,
                errors: [Problem(path: .root, code: "method-not-allowed", message: detail)],
                headers: [.allow: allow])
        }
        if error.status == .notFound {
            let detail = "there is nothing at \(path)"
            return ProblemDetails(.notFound, detail: detail, errors: [Problem(path: .root, code: "not-found", message: detail)])
        }
        if error.status == .contentTooLarge {
            return ProblemDetails(.contentTooLarge, detail: "the body is too large",
                errors: [Problem(path: .root, code: "body-too-large", message: "the body is larger than the limit")])
        }
        let detail = error.body ?? error.status.reasonPhrase
        return ProblemDetails(error.status, detail: detail,
            errors: [Problem(path: .root, code: ProblemCode(rawValue: Self.code(for: error.status)), message: detail)], headers: error.headers)
    }

    /// A kebab-case code for a status without one of its own (`Bad Request` → `bad-request`).
    static func code(for status: HTTPResponse.Status) -> String {
        status.reasonPhrase.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}
