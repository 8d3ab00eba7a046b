import Foundation
public import HTTPTypes
public import Hummingbird
import Logging
import PlannerKernel

/// Finds out who is asking (API.md §8) and puts it in the request context.
///
/// No `Authorization` header: the caller is anonymous, or — on a closed daemon — the answer is
/// `401` with a bare `Bearer` challenge. A bearer token that verifies makes the caller its subject,
/// and the answer (whatever its status) carries `X-VO-Authenticated`. Anything else — a refused
/// token, a malformed header — is `401` with `error="invalid_token"` or `error="invalid_request"`,
/// and another scheme (`Basic`) is `401` with the bare challenge (RFC 6750 §3.1): given
/// credentials are never downgraded to anonymous. Refusals are
/// logged with their reason, never with the token. `/health` and `/metrics` are served to
/// everyone and ignore credentials; `/capabilities` and `/openapi.yaml` are served without
/// credentials even on a closed daemon, but check a token that is given.
public struct AuthenticationMiddleware: RouterMiddleware {
    /// The request context.
    public typealias Context = PlannerRequestContext

    /// The realm named in challenges.
    public static let realm = "plannerd"
    /// Paths served without looking at credentials.
    public static let openPaths: Set<String> = ["/health", "/metrics"]

    /// Verifies tokens.
    public var verifier: TokenVerifier
    /// Whether callers without credentials are served.
    public var anonymous: Bool

    /// A middleware.
    public init(verifier: TokenVerifier, anonymous: Bool) {
        self.verifier = verifier
        self.anonymous = anonymous
    }

    /// Authenticates, then runs the rest of the chain as the caller.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.openPaths.contains(Self.normalised(request.uri.path)) { return try await next(request, context) }
        switch BearerCredentials.read(request.headers[values: .authorization]) {
        case .none:
            guard anonymous || DiscoveryRoutes.paths.contains(Self.normalised(request.uri.path)) else {
                return try Self.challenge(
                    code: "authentication-required", error: nil,
                    message: "this plannerd serves authenticated callers only; send Authorization: Bearer <token>",
                    request: request, context: context)
            }
            return try await next(request, context)
        case .otherScheme:
            context.logger.notice("credentials refused", metadata: ["reason": "unsupported-scheme"])
            return try Self.challenge(
                code: "unsupported-credentials", error: nil,
                message: "only Bearer tokens are accepted here; send Authorization: Bearer <token>",
                request: request, context: context)
        case .malformed(let why):
            context.logger.notice("credentials refused", metadata: ["reason": "invalid-request", "detail": "\(why)"])
            return try Self.challenge(code: "invalid-request", error: "invalid_request", message: why, request: request, context: context)
        case .bearer(let token):
            let caller: Caller
            do throws(TokenRejection) {
                guard !verifier.isEmpty else { throw TokenRejection(.noIssuers, "this plannerd trusts no token issuer; ask without a token") }
                caller = try await verifier.verify(token, now: Date())
            } catch {
                context.logger.notice("token refused", metadata: ["reason": "\(error.code.rawValue)", "detail": "\(error.message)"])
                return try Self.challenge(code: "invalid-token", error: "invalid_token", message: error.message, request: request, context: context)
            }
            var context = context
            context.caller = caller
            context.logger[metadataKey: "subject"] = "\(caller.subject ?? "")"
            var response = try await next(request, context)
            response.headers[.voAuthenticated] = caller.subject
            return response
        }
    }

    /// `path` without empty segments, as the router matches it (`//health/` is `/health`).
    static func normalised(_ path: String) -> String {
        "/" + path.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/")
    }

    /// `text` as the content of a quoted-string in a header (RFC 9110 §5.6.4): printable ASCII,
    /// double quotes and backslashes turned into single quotes, at most 200 characters.
    static func quotable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(200).map { scalar in
            switch scalar {
            case "\"", "\\": "'"
            case " "..."~": scalar
            default: "?"
            }
        }))
    }

    /// The `401` answer with its `WWW-Authenticate` challenge (RFC 6750 §3).
    static func challenge(code: ProblemCode, error: String?, message: String, request: Request, context: Context) throws -> Response {
        var challenge = "Bearer realm=\"\(realm)\""
        if let error { challenge += ", error=\"\(error)\", error_description=\"\(Self.quotable(message))\"" }
        return try ProblemDetails(
            .unauthorized, detail: message,
            errors: [Problem(path: .root, code: code, message: message)],
            headers: [.wwwAuthenticate: challenge]
        ).response(from: request, context: context)
    }
}

extension HTTPField.Name {
    /// `X-VO-Authenticated` (IVOA SSO): the subject an answer was made for.
    public static let voAuthenticated = Self("X-VO-Authenticated")!
}
