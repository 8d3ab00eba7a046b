public import Hummingbird
public import Metrics

/// Counts requests and records their latency per route, with the route (`/plan`) as a label;
/// unknown paths share the label `unknown` so hostile clients cannot create unbounded series.
public struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Where metrics are created.
    public var factory: any MetricsFactory
    /// The served routes, for labels.
    public var routes: RouteTable

    /// A middleware recording into `factory`.
    public init(factory: any MetricsFactory, routes: RouteTable) {
        self.factory = factory
        self.routes = routes
    }

    /// Runs the rest of the chain and records the outcome.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let response = try await next(request, context)
        let route = routes.route(matching: request.uri.path)?.path ?? "unknown"
        let method = Self.methodLabel(request.method)
        let dimensions = [("route", route), ("method", method), ("status", String(response.status.code))]
        Counter(label: "plannerd_requests_total", dimensions: dimensions, factory: factory).increment()
        Timer(label: "plannerd_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .recordNanoseconds(Int64((ContinuousClock.now - started) / .nanoseconds(1)))
        return response
    }

    /// The methods of RFC 9110 and PATCH by name; the others SwiftNIO's parser lets through
    /// (WebDAV's `PROPFIND`, `PURGE`, …; it refuses unknown tokens itself) are `other`, so no
    /// route has a series per exotic method.
    static func methodLabel(_ method: HTTPRequest.Method) -> String {
        switch method {
        case .get, .head, .post, .put, .delete, .patch, .options, .connect, .trace: method.rawValue
        default: "other"
        }
    }
}
