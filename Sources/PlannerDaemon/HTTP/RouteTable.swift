public import HTTPTypes

/// Every path plannerd serves and its methods: used for `405 Allow` answers and route labels.
public struct RouteTable: Sendable {
    /// One path and the methods it accepts.
    public struct Route: Sendable, Hashable {
        /// The path pattern (`/offers/{id}` style; `{…}` matches one segment).
        public var path: String
        /// The methods it accepts.
        public var methods: [HTTPRequest.Method]
    }

    /// The routes.
    public var routes: [Route]

    /// A table of routes.
    public init(_ routes: [Route]) { self.routes = routes }

    /// The route whose pattern matches `path`, if any. Empty segments are ignored, as Hummingbird's
    /// router ignores them (`/plan/` and `//plan` are served by `/plan`).
    public func route(matching path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        return routes.first { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: true)
            guard pattern.count == segments.count else { return false }
            return zip(pattern, segments).allSatisfy { expected, actual in
                (expected.hasPrefix("{") && expected.hasSuffix("}") && !actual.isEmpty) || expected == actual
            }
        }
    }

    /// The routes of this version of plannerd. Every `GET` route answers `HEAD` too (the router
    /// generates it), so `Allow` names both.
    public static let planner = RouteTable([
        Route(path: "/plan", methods: [.post]),
        Route(path: "/tasktypes", methods: [.get, .head]),
        Route(path: "/health", methods: [.get, .head]),
        Route(path: "/metrics", methods: [.get, .head]),
        Route(path: "/offers/{id}", methods: [.get, .head]),
        Route(path: "/offers/{id}/accept", methods: [.post]),
        Route(path: "/offers/{id}/reject", methods: [.post]),
        Route(path: "/bookings/{id}", methods: [.get, .head, .delete]),
        Route(path: "/offersets", methods: [.post]),
        Route(path: "/openapi.yaml", methods: [.get, .head]),
        Route(path: "/capabilities", methods: [.get, .head]),
    ])
}
