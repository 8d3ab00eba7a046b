import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// A daemon trusting test issuers, served on a real socket.
enum AuthDaemon {
    /// The docker ask every auth test sends.
    static let dockerAsk = #"{"tasktype": "uri://docker-container", "taskinfo": {"image": "ubuntu:22.04"}, "resources": {"mincores": 1, "maxcores": 2}}"#
    /// A helm ask (only `astro-kws` runs helm charts).
    static let helmAsk = #"{"tasktype": "uri://kubernetes-helm", "taskinfo": {"chart": "https://charts.example.org/demo-1.0.0.tgz"}}"#

    /// An open docker service, a docker service for group `astro`, and a helm service for group
    /// `astro` and the subject `carol`.
    static let services = """
          - name: open-docker
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/uws
            limits: { maxcores: 2, maxmemory: 8G, maxduration: 1h }
          - name: astro-docker
            tasktypes: [ "uri://docker-container" ]
            servicetype: uri://docker-uws
            endpoint: http://example.org/astro-uws
            limits: { maxcores: 64, maxmemory: 256G, maxduration: 24h }
            allow: { groups: [ astro ] }
          - name: astro-kws
            tasktypes: [ "uri://kubernetes-helm" ]
            servicetype: uri://kubernetes-helm
            endpoint: http://example.org/kws
            allow: { groups: [ astro ], subjects: [ carol ] }
        """

    /// The YAML of a configuration trusting `issuers` (their JWKS files written to `directory`).
    static func configuration(anonymous: Bool, issuers: [TestIssuer], in directory: TemporaryDirectory, services: String = Self.services) throws -> String {
        var yaml = "http: { host: 127.0.0.1, port: 0 }\nauth:\n  anonymous: \(anonymous)\n"
        if !issuers.isEmpty {
            yaml += "  issuers:\n"
            for (index, issuer) in issuers.enumerated() {
                let path = try directory.write("jwks-\(index).json", issuer.jwks)
                yaml += "    - { issuer: \"\(issuer.issuer)\", audience: \"\(issuer.audience)\", jwks: \"\(path)\" }\n"
            }
        }
        return yaml + "services:\n" + services + "\n"
    }

    /// Serves a configuration trusting `issuers` and runs `body` against it.
    static func run<Value: Sendable>(
        anonymous: Bool, issuers: [TestIssuer], services: String = Self.services,
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let directory = try TemporaryDirectory()
        let path = try directory.write("plannerd.yaml", try configuration(anonymous: anonymous, issuers: issuers, in: directory, services: services))
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        var configuration = try await ConfigurationLoader(environment: [:]).load(file: path, registry: registry)
        configuration.storage = LiveDaemon.temporaryStorage()
        let service = try PlannerService(configuration: configuration, registry: registry)
        return try await LiveDaemon.run(service, body)
    }
}

extension TestClientProtocol {
    /// A request with an `Authorization: Bearer` header (or the raw `authorization` values given).
    func send(
        _ uri: String, method: HTTPRequest.Method = .get, token: String? = nil, authorization: [String] = [], body: String? = nil
    ) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers.append(HTTPField(name: .authorization, value: "Bearer \(token)")) }
        for value in authorization { headers.append(HTTPField(name: .authorization, value: value)) }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }
}

/// Checks a `401` answer: problem document, code, and the `WWW-Authenticate` challenge with
/// `error` (or without one when `error` is `nil`); never `X-VO-Authenticated`.
func expectUnauthorized(
    _ response: TestResponse, error: String?, code: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let document = expectProblem(response, .unauthorized, what, sourceLocation: sourceLocation)
    #expect(problemEntries(document).map(\.code) == [code], "\(what): codes", sourceLocation: sourceLocation)
    let challenge = response.headers[values: .wwwAuthenticate]
    #expect(challenge.count == 1, "\(what): one challenge, got \(challenge)", sourceLocation: sourceLocation)
    let value = challenge.first ?? ""
    #expect(value.hasPrefix("Bearer realm=\"plannerd\""), "\(what): \(value)", sourceLocation: sourceLocation)
    if let error {
        #expect(value.contains("error=\"\(error)\""), "\(what): \(value)", sourceLocation: sourceLocation)
    } else {
        #expect(!value.contains("error="), "\(what): no error attribute without credentials: \(value)", sourceLocation: sourceLocation)
    }
    #expect(response.headers[.voAuthenticated] == nil, "\(what): a refused caller is not authenticated", sourceLocation: sourceLocation)
}
