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

    /// The route whose pattern matches `path`, if any.
    public func route(matching path: String) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        return routes.first { route in
            let pattern = route.path.split(separator: "/", omittingEmptySubsequences: false)
            guard pattern.count == segments.count else { return false }
            return zip(pattern, segments).allSatisfy { expected, actual in
                (expected.hasPrefix("{") && expected.hasSuffix("}") && !actual.isEmpty) || expected == actual
            }
        }
    }

    /// The routes of this version of plannerd.
    public static let planner = RouteTable([
        Route(path: "/plan", methods: [.post]),
        Route(path: "/tasktypes", methods: [.get]),
        Route(path: "/health", methods: [.get]),
        Route(path: "/metrics", methods: [.get]),
    ])
}
