/// The `auth` block (API.md §7, §8): whether callers without a token are served, and the issuers
/// whose bearer tokens are accepted.
public struct AuthSettings: Sendable {
    /// Whether callers without credentials are served (built in: `true`). With `false`, every
    /// request but `/health` and `/metrics` needs a valid token.
    public var anonymous: Bool
    /// The trusted token issuers.
    public var issuers: [IssuerSettings]

    /// Settings; the built-in ones serve anonymous callers and trust no issuer.
    public init(anonymous: Bool = true, issuers: [IssuerSettings] = []) {
        self.anonymous = anonymous
        self.issuers = issuers
    }
}

/// One trusted issuer: tokens whose `iss` is ``issuer`` are verified with the keys of its JWKS file.
public struct IssuerSettings: Sendable {
    /// The exact `iss` value of its tokens.
    public var issuer: String
    /// The value `aud` must contain.
    public var audience: String
    /// The JWKS file with the issuer's public keys (re-read on SIGHUP).
    public var jwks: String
    /// The claim that lists the subject's groups (built in: `groups`); a dotted path such as
    /// `realm_access.roles` reaches into nested objects when no claim has the whole name.
    public var groupsClaim: String
    /// The keys read from ``jwks``.
    public var keys: IssuerKeys

    /// An issuer.
    public init(issuer: String, audience: String, jwks: String, groupsClaim: String = "groups", keys: IssuerKeys) {
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwks
        self.groupsClaim = groupsClaim
        self.keys = keys
    }
}
