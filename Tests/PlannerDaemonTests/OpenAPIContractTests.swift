import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// `openapi.yaml` against the daemon: the served description is the repository's file, its
/// operations are exactly the routes the daemon serves, and the daemon serves each of them.
@Suite("OpenAPI description")
struct OpenAPIContractTests {
    /// `openapi.yaml` at the repository's root.
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("openapi.yaml")

    static let methods: [String: HTTPRequest.Method] = ["get": .get, "head": .head, "post": .post, "put": .put, "delete": .delete, "patch": .patch]

    /// Every (path, method) the description documents.
    static func operations(_ spec: JSONValue) -> Set<String> {
        var operations: Set<String> = []
        for path in spec.at("/paths")?.objectValue?.members ?? [] {
            for member in path.value.objectValue?.members ?? [] {
                if let method = methods[member.key] { operations.insert("\(method.rawValue) \(path.key)") }
            }
        }
        return operations
    }

    @Test("GET /openapi.yaml serves the repository's openapi.yaml, an OpenAPI 3.1 document")
    func served() async throws {
        let expected = try String(contentsOf: Self.file, encoding: .utf8)
        try await LiveDaemon.run { client in
            let response = try await client.execute(uri: "/openapi.yaml", method: .get)
            #expect(response.status == .ok)
            #expect(response.contentType?.hasPrefix("application/yaml") == true)
            #expect(response.text == expected, "run scripts/embed-openapi after editing openapi.yaml")
            let spec = try YAMLDocumentReader(maximumDepth: 64).parse(response.text)
            #expect(spec.string("/openapi")?.hasPrefix("3.1") == true)
        }
    }

    @Test("the description's operations are exactly the daemon's routes")
    func routesMatch() throws {
        let spec = try YAMLDocumentReader().parse(try String(contentsOf: Self.file, encoding: .utf8))
        let documented = Self.operations(spec)
        let served = Set(RouteTable.planner.routes.flatMap { route in route.methods.map { "\($0.rawValue) \(route.path)" } })
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
    }

    @Test("the router serves every route of the table (none falls through to the unknown-path 404)")
    func routerServesTable() async throws {
        try await LiveDaemon.run { client in
            for route in RouteTable.planner.routes {
                let uri = route.path.replacingOccurrences(of: "{id}", with: "no-such-id")
                for method in route.methods {
                    var headers = HTTPFields()
                    headers[.contentType] = "application/json"
                    let response = try await client.execute(uri: uri, method: method, headers: headers, body: ByteBuffer(string: "{}"))
                    #expect(response.status != .methodNotAllowed, "\(method) \(uri)")
                    #expect(!response.text.contains("there is nothing at"), "\(method) \(uri) is not routed: \(response.text.prefix(200))")
                }
            }
        }
    }
}
