import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PlannerDaemon
import PlannerKernel
import Testing

/// `GET`/`HEAD /capabilities`: the VOSI 1.1 capabilities document (formats.md §7), parsed as XML.
@Suite("VOSI capabilities")
struct CapabilitiesTests {
    static let namespace = "http://www.ivoa.net/xml/VOSICapabilities/v1.0"

    @Test("anonymous demo daemon: the capabilities endpoint and an anonymous planner interface")
    func anonymousDocument() async throws {
        try await LiveDaemon.run { client in
            let response = try await client.execute(uri: "/capabilities", method: .get)
            #expect(response.status == .ok)
            #expect(response.contentType?.hasPrefix("text/xml") == true)
            #expect(response.headers[.wwwAuthenticate] == nil, "no issuers, no challenge")
            let document = try XMLOutline.parse(response.text)
            #expect(document.root?.namespace == Self.namespace && document.root?.name == "capabilities")
            let capabilities = document.elements.filter { $0.name == "capability" }
            #expect(capabilities.count == 2)
            #expect(capabilities.allSatisfy { $0.namespace.isEmpty }, "capability elements are unqualified")
            #expect(capabilities.map { $0.attributes["standardID"] } == ["ivo://ivoa.net/std/VOSI#capabilities", nil])
            let urls = document.elements.filter { $0.name == "accessURL" }
            #expect(urls.map(\.text) == ["http://localhost/capabilities", "http://localhost/"], "the test client sends Host: localhost")
            #expect(document.elements.filter { $0.name == "interface" }.allSatisfy { ($0.attributes["xsi:type"] ?? $0.attributes["type"]) == "vs:ParamHTTP" })
            #expect(!document.elements.contains { $0.name == "securityMethod" })

            let head = try await client.execute(uri: "/capabilities", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            #expect(head.contentType?.hasPrefix("text/xml") == true)
            for method: HTTPRequest.Method in [.post, .put, .delete] {
                let refused = try await client.execute(uri: "/capabilities", method: method)
                expectProblem(refused, .methodNotAllowed, "\(method) /capabilities")
                #expect(refused.headers[.allow] == "GET, HEAD")
            }
            let json = try await client.execute(uri: "/capabilities", method: .get, headers: [.accept: "application/json"])
            #expect(json.contentType?.hasPrefix("text/xml") == true, "VOSI defines XML only")
        }
    }

    @Test("the base URL comes from Host (host[:port] only) and X-Forwarded-Proto, else the configured address")
    func baseURL() {
        let http = HTTPSettings(host: "127.0.0.1", port: 8080, maxbody: 1 << 20)
        func request(_ authority: String?, forwarded: String? = nil) -> Request {
            var head = HTTPRequest(method: .get, scheme: "http", authority: authority, path: "/capabilities")
            if let forwarded { head.headerFields[HTTPField.Name("X-Forwarded-Proto")!] = forwarded }
            return Request(head: head, body: .init(buffer: ByteBuffer()))
        }
        #expect(PublicBaseURL.of(request("planner.example.org:8443"), configured: http) == "http://planner.example.org:8443")
        #expect(PublicBaseURL.of(request("planner.example.org", forwarded: "https"), configured: http) == "https://planner.example.org")
        #expect(PublicBaseURL.of(request("[::1]:9000"), configured: http) == "http://[::1]:9000")
        #expect(PublicBaseURL.of(request(nil), configured: http) == "http://127.0.0.1:8080")
        #expect(PublicBaseURL.of(request("evil\"><x>"), configured: http) == "http://127.0.0.1:8080", "markup in Host is never echoed")
        #expect(PublicBaseURL.of(request("a/b@c"), configured: http) == "http://127.0.0.1:8080")
    }

    @Test("with issuers: an OAuth interface, a challenge, and a closed daemon still describes itself")
    func securityMethods() async throws {
        let issuer = try TestIssuer.make()
        for anonymous in [true, false] {
            try await AuthDaemon.run(anonymous: anonymous, issuers: [issuer]) { client in
                let response = try await client.send("/capabilities")
                #expect(response.status == .ok, "anonymous: \(anonymous): \(response.text)")
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"plannerd\"")
                let document = try XMLOutline.parse(response.text)
                let interfaces = document.elements.filter { $0.name == "interface" }
                #expect(interfaces.count == (anonymous ? 3 : 2))
                let methods = document.elements.filter { $0.name == "securityMethod" }
                #expect(methods.map { $0.attributes["standardID"] } == ["ivo://ivoa.net/sso#OAuth"])
                #expect(methods.allSatisfy { $0.text.isEmpty }, "the method is an attribute, not text")

                let authenticated = try await client.send("/capabilities", token: try issuer.token(subject: "alice"))
                #expect(authenticated.status == .ok)
                #expect(authenticated.headers[.voAuthenticated] == "alice")
                expectUnauthorized(try await client.send("/capabilities", token: "not-a-token"), error: "invalid_token", code: "invalid-token", "bad token")
                let spec = try await client.send("/openapi.yaml")
                #expect(spec.status == .ok, "the OpenAPI description is open too")
            }
        }
    }
}

/// The elements of an XML document in order, with namespaces resolved.
struct XMLOutline {
    struct Element {
        var namespace: String
        var name: String
        var attributes: [String: String]
        var text: String
    }

    var elements: [Element] = []
    var root: Element? { elements.first }

    static func parse(_ text: String) throws -> XMLOutline {
        let parser = XMLParser(data: Data(text.utf8))
        let collector = Collector()
        parser.delegate = collector
        parser.shouldProcessNamespaces = true
        guard parser.parse() else { throw XMLOutlineError(reason: parser.parserError.map { "\($0)" } ?? "not well-formed") }
        return XMLOutline(elements: collector.elements)
    }

    struct XMLOutlineError: Error { var reason: String }

    final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(namespace: namespaceURI ?? "", name: name, attributes: attributes, text: ""))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let index = open.last else { return }
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            elements[index].text += trimmed
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }
    }
}
