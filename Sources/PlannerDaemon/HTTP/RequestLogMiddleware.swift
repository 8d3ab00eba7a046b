public import HTTPTypes
public import Hummingbird
import Logging

/// Logs one line per request (method, path, status, duration; never bodies or headers) and
/// returns the request's id in `X-Request-Id`.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// A middleware.
    public init() {}

    /// Runs the rest of the chain, then logs and tags the response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        let elapsed = ContinuousClock.now - started
        context.logger.info("request", metadata: [
            "method": "\(request.method.rawValue)",
            "path": "\(request.uri.path.prefix(200))",
            "status": "\(response.status.code)",
            "ms": "\((elapsed / .microseconds(1)).rounded() / 1000)",
        ])
        return response
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static let requestID = Self("X-Request-Id")!
}
