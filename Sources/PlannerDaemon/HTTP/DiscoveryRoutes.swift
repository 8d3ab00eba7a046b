import Hummingbird

/// The routes where clients learn what this daemon is: the OpenAPI description and the IVOA VOSI
/// capabilities. Both are served without credentials, even on a closed daemon (a client must be
/// able to learn how to log in), and a token that is given is still checked.
enum DiscoveryRoutes {
    /// The paths served without credentials on a closed daemon.
    static let paths: Set<String> = ["/capabilities", "/openapi.yaml"]

    static func add(to router: Router<PlannerRequestContext>, configuration: PlannerConfiguration) {
        let auth = configuration.auth
        router.get("/capabilities") { request, _ -> Response in
            let document = CapabilitiesDocument(
                baseURL: PublicBaseURL.of(request, configured: configuration.http),
                anonymous: auth.anonymous, bearerTokens: !auth.issuers.isEmpty)
            var headers: HTTPFields = [.contentType: "text/xml; charset=utf-8"]
            if !auth.issuers.isEmpty {
                headers[.wwwAuthenticate] = "Bearer realm=\"\(AuthenticationMiddleware.realm)\""
            }
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: document.xml)))
        }
        router.get("/openapi.yaml") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.yaml)))
        }
    }
}
