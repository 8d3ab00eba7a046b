public import Foundation
import JWTKit
public import PlannerKernel
import Synchronization

/// Verifies bearer tokens against the configured issuers (API.md §8) and turns them into callers.
///
/// The issuer is chosen by the token's `iss`, the key by its `kid`; the header's `alg` must be an
/// accepted asymmetric algorithm that the key verifies. After the signature, `exp` (required) and
/// `nbf` are checked with ``leeway``, `aud` must contain the issuer's audience, and `sub` (required)
/// becomes the caller's subject. Keys can be re-read from their files while the daemon runs
/// (``reload()``); a file that no longer reads keeps its previous keys.
public final class TokenVerifier: Sendable {
    /// The clock difference tolerated on `exp` and `nbf`, in seconds.
    public static let leeway: Int64 = 60
    /// The longest subject accepted (OpenID Connect's limit).
    public static let maximumSubjectLength = 255
    /// The most groups read from a token.
    public static let maximumGroups = 1000

    /// The issuers, and the jwt-kit signers made for their keys so far (one per issuer, key and
    /// algorithm: bounded by the key files). `generation` changes on every reload, so that a
    /// signer made from keys a reload replaced is never cached.
    private struct State {
        var issuers: [String: IssuerSettings]
        var signers: [SignerKey: JWTKeyCollection] = [:]
        var generation = 0
    }

    private struct SignerKey: Hashable {
        var issuer: String
        var kid: String?
        var algorithm: SigningAlgorithm
    }

    private let state: Mutex<State>

    /// A verifier trusting `issuers`.
    public init(issuers: [IssuerSettings]) {
        state = Mutex(State(issuers: Dictionary(issuers.map { ($0.issuer, $0) }, uniquingKeysWith: { first, _ in first })))
    }

    /// Whether no issuer is trusted (then every token is refused).
    public var isEmpty: Bool { state.withLock { $0.issuers.isEmpty } }

    /// The caller `token` proves, or why it is refused.
    public func verify(_ token: String, now: Date) async throws(TokenRejection) -> Caller {
        let parts = try CompactToken(token)
        guard case .string(let name)? = parts.header["alg"] else { throw TokenRejection(.malformed, "the header has no alg") }
        if let refusal = SigningAlgorithm.refusal(of: name) { throw TokenRejection(.unsupportedAlgorithm, refusal) }
        guard let algorithm = SigningAlgorithm(rawValue: name) else { throw TokenRejection(.unsupportedAlgorithm, "the algorithm is not accepted") }
        if parts.header["crit"] != nil { throw TokenRejection(.unsupportedExtension, "the header names critical extensions (crit), which plannerd does not implement") }
        guard case .string(let iss)? = parts.claims["iss"] else { throw TokenRejection(.badClaim, "the token has no iss (issuer) claim") }
        guard let (issuer, generation) = state.withLock({ state in state.issuers[iss].map { ($0, state.generation) } }) else {
            throw TokenRejection(.unknownIssuer, "the token's issuer (iss) is not trusted here")
        }
        let kid: String?
        switch parts.header["kid"] {
        case nil: kid = nil
        case .string(let text)?: kid = text
        case _?: throw TokenRejection(.malformed, "the header's kid is not a string")
        }
        guard let key = issuer.keys.key(for: kid) else {
            throw TokenRejection(.unknownKey, kid == nil ? "the token has no kid, and the issuer's keys are chosen by kid" : "the issuer has no key with the token's kid")
        }
        guard key.algorithms.contains(algorithm) else {
            throw TokenRejection(.unknownKey, "the key the token names does not verify \(algorithm.rawValue)")
        }
        let signer = await signer(SignerKey(issuer: iss, kid: kid, algorithm: algorithm), key: key, generation: generation)
        do {
            _ = try await signer.verify(token, as: SignatureOnly.self)
        } catch {
            throw TokenRejection(.badSignature, "the signature does not verify")
        }
        return try Self.caller(from: parts.claims, issuer: issuer, now: Int64(now.timeIntervalSince1970))
    }

    /// The cached signer for `cacheKey`, made from `key` when there is none yet.
    private func signer(_ cacheKey: SignerKey, key: VerificationKey, generation: Int) async -> JWTKeyCollection {
        if let cached = state.withLock({ $0.generation == generation ? $0.signers[cacheKey] : nil }) { return cached }
        let made = await key.signer(for: cacheKey.algorithm)
        state.withLock { state in
            if state.generation == generation { state.signers[cacheKey] = made }
        }
        return made
    }

    /// The caller named by verified `claims`, after the time and audience checks.
    static func caller(from claims: JSONObject, issuer: IssuerSettings, now: Int64) throws(TokenRejection) -> Caller {
        guard let exp = claims["exp"].flatMap(seconds) else { throw TokenRejection(.badClaim, "the token has no numeric exp (expiry) claim") }
        guard now - leeway < exp else { throw TokenRejection(.expired, "the token has expired") }
        if let value = claims["nbf"] {
            guard let nbf = seconds(value) else { throw TokenRejection(.badClaim, "the nbf claim is not a number") }
            guard now + leeway >= nbf else { throw TokenRejection(.notYetValid, "the token is not valid yet (nbf)") }
        }
        let audiences: [String] = switch claims["aud"] {
        case .string(let one)?: [one]
        case .array(let many)?: many.compactMap(\.stringValue)
        default: []
        }
        guard audiences.contains(issuer.audience) else {
            throw TokenRejection(.wrongAudience, "the token is not meant for this service (its aud does not name it)")
        }
        guard case .string(let subject)? = claims["sub"], !subject.isEmpty, subject.utf8.count <= maximumSubjectLength,
            subject.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F })
        else {
            throw TokenRejection(.badClaim, "the sub claim must be 1 to \(maximumSubjectLength) printable ASCII characters")
        }
        return Caller(subject: subject, issuer: issuer.issuer, groups: groups(in: claims, claim: issuer.groupsClaim))
    }

    /// The groups `claims` lists under `claim`: a string or an array of strings; a dotted name
    /// reaches into nested objects when no claim has the whole name. Other values give no groups.
    static func groups(in claims: JSONObject, claim: String) -> Set<String> {
        var value = claims[claim]
        if value == nil, claim.contains(".") {
            var current: JSONValue? = .object(claims)
            for step in claim.split(separator: ".") { current = current?.objectValue?[String(step)] }
            value = current
        }
        switch value {
        case .string(let one)?: return [one]
        case .array(let many)?: return Set(many.prefix(maximumGroups).compactMap(\.stringValue))
        default: return []
        }
    }

    /// A NumericDate (RFC 7519 §2) in whole seconds.
    static func seconds(_ value: JSONValue) -> Int64? {
        switch value {
        case .integer(let whole): whole
        case .real(let number) where number.isFinite && abs(number) < 1e15: Int64(number.rounded(.down))
        default: nil
        }
    }

    /// Re-reads every issuer's JWKS file; an issuer whose file no longer reads keeps its keys.
    /// - Returns: for each issuer, the keys now in use or why the file was not taken.
    @discardableResult
    public func reload() -> [(issuer: String, result: Result<IssuerKeys, KeySetError>)] {
        let current = state.withLock { $0.issuers }
        var results: [(issuer: String, result: Result<IssuerKeys, KeySetError>)] = []
        var updated = current
        for (name, settings) in current.sorted(by: { $0.key < $1.key }) {
            do throws(KeySetError) {
                let keys = try IssuerKeys.read(file: settings.jwks)
                updated[name]?.keys = keys
                results.append((name, .success(keys)))
            } catch {
                results.append((name, .failure(error)))
            }
        }
        state.withLock { state in
            state.issuers = updated
            state.signers = [:]
            state.generation += 1
        }
        return results
    }
}

/// A claims type for jwt-kit that reads nothing: plannerd checks the claims itself, from the
/// strictly parsed payload, after jwt-kit has checked the signature.
struct SignatureOnly: JWTPayload {
    init() {}
    init(from decoder: any Decoder) throws {}
    func encode(to encoder: any Encoder) throws {}
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
