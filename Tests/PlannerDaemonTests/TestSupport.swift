import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PlannerDaemon
import PlannerKernel
import Testing

/// Starts the daemon in-process, the way `plannerd serve` does, on a real socket.
enum LiveDaemon {
    /// The built-in demo configuration for this build's handlers, on a free port.
    static func service(maxbody: Int64? = nil) throws -> PlannerService {
        let registry = try TaskTypeRegistry(CompiledInHandlers.all)
        var configuration = DemoConfiguration.configuration(for: registry)
        configuration.http.port = 0
        configuration.storage = temporaryStorage()
        if let maxbody { configuration.http.maxbody = maxbody }
        return try PlannerService(configuration: configuration, registry: registry)
    }

    /// A fresh SQLite file in the temporary directory, so that tests never share state.
    static func temporaryStorage() -> StorageSettings {
        .sqlite(path: FileManager.default.temporaryDirectory.appendingPathComponent("plannerd-test-\(UUID().uuidString).sqlite").path)
    }

    /// A logger that keeps the test output readable (the daemon logs every request at `info`).
    static var quietLogger: Logger {
        var logger = Logger(label: "plannerd-tests")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` against `buildApplication(service)` served over a real TCP socket (`.live`).
    static func run<Value: Sendable>(
        _ service: PlannerService? = nil, _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = buildApplication(try service ?? Self.service(), logger: quietLogger)
        return try await app.test(.live, body)
    }
}

extension HTTPFields {
    /// Headers with `Content-Type` set (or left out for `nil`).
    static func contentType(_ value: String?) -> HTTPFields {
        var fields = HTTPFields()
        if let value { fields[.contentType] = value }
        return fields
    }
}

extension TestClientProtocol {
    /// `POST /plan` with a text body.
    func plan(_ body: String, contentType: String? = "application/json") async throws -> TestResponse {
        try await plan(bytes: Array(body.utf8), contentType: contentType)
    }

    /// `POST /plan` with raw bytes.
    func plan(bytes: [UInt8], contentType: String?) async throws -> TestResponse {
        try await execute(uri: "/plan", method: .post, headers: .contentType(contentType), body: ByteBuffer(bytes: bytes))
    }
}

/// A response from either test client: the `.live` framework's or a `TestClient` of our own.
protocol HTTPAnswer {
    var status: HTTPResponse.Status { get }
    var headers: HTTPFields { get }
    /// The body's bytes.
    var bodyBytes: [UInt8] { get }
}

extension TestResponse: HTTPAnswer {
    var bodyBytes: [UInt8] { Array(body.readableBytesView) }
}

extension TestClient.Response: HTTPAnswer {
    var bodyBytes: [UInt8] { body.map { Array($0.readableBytesView) } ?? [] }
}

extension HTTPAnswer {
    /// The body as text.
    var text: String { String(decoding: bodyBytes, as: UTF8.self) }
    /// The body parsed strictly, or `nil` when it is not JSON.
    var json: JSONValue? { try? StrictJSONParser().parse(bodyBytes) }
    /// `Content-Type`.
    var contentType: String? { headers[.contentType] }
    /// `X-Request-Id`.
    var requestID: String? { headers[.requestID] }
}

extension JSONValue {
    /// The value at a JSON Pointer such as `/resources/mincores` or `/offers/0/service`.
    func at(_ pointer: String) -> JSONValue? {
        var value: JSONValue? = self
        for token in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            switch value {
            case .object(let object)?: value = object[String(token)]
            case .array(let items)?:
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                value = items[index]
            default: return nil
            }
        }
        return value
    }

    /// The string at `pointer`.
    func string(_ pointer: String) -> String? { at(pointer)?.stringValue }

    /// The integer at `pointer`.
    func integer(_ pointer: String) -> Int64? {
        if case .integer(let value)? = at(pointer) { return value }
        return nil
    }

    /// A copy without the members named `key`, at any depth (to compare answers apart from timestamps).
    func removing(_ key: String) -> JSONValue {
        switch self {
        case .object(let object):
            return .object(JSONObject(object.members.filter { $0.key != key }.map { JSONObject.Member(key: $0.key, value: $0.value.removing(key)) }))
        case .array(let items):
            return .array(items.map { $0.removing(key) })
        default:
            return self
        }
    }
}

/// Checks the RFC 9457 shape of an error answer (API.md §4) and returns its document.
@discardableResult
func expectProblem(
    _ response: some HTTPAnswer, _ status: HTTPResponse.Status, _ what: String = "", sourceLocation: SourceLocation = #_sourceLocation
) -> JSONValue? {
    let label = what.isEmpty ? "\(status.code)" : what
    #expect(response.status == status, "\(label): status \(response.status.code), body \(response.text.prefix(300))", sourceLocation: sourceLocation)
    #expect(response.contentType == "application/problem+json", "\(label): Content-Type \(response.contentType ?? "none")", sourceLocation: sourceLocation)
    #expect(response.requestID?.isEmpty == false, "\(label): no X-Request-Id", sourceLocation: sourceLocation)
    guard let document = response.json, document.objectValue != nil else {
        Issue.record("\(label): the body is not a JSON object: \(response.text.prefix(300))", sourceLocation: sourceLocation)
        return nil
    }
    #expect(document.string("/type") != nil, "\(label): no type", sourceLocation: sourceLocation)
    #expect(document.string("/title") != nil, "\(label): no title", sourceLocation: sourceLocation)
    #expect(document.integer("/status") == Int64(status.code), "\(label): status member", sourceLocation: sourceLocation)
    #expect(document.string("/detail")?.isEmpty == false, "\(label): no detail", sourceLocation: sourceLocation)
    guard let errors = document.at("/errors")?.arrayValue else {
        Issue.record("\(label): no errors array", sourceLocation: sourceLocation)
        return document
    }
    #expect(!errors.isEmpty, "\(label): errors is empty; every error answer names at least one problem", sourceLocation: sourceLocation)
    for error in errors {
        #expect(error.string("/path") != nil && error.string("/code") != nil && error.string("/message")?.isEmpty == false,
            "\(label): an error lacks path, code or message: \(error.jsonText)", sourceLocation: sourceLocation)
    }
    return document
}

/// The `errors` of a problem document as `(path, code)` pairs.
func problemEntries(_ document: JSONValue?) -> [(path: String, code: String)] {
    (document?.at("/errors")?.arrayValue ?? []).compactMap { error in
        guard let path = error.string("/path"), let code = error.string("/code") else { return nil }
        return (path, code)
    }
}
