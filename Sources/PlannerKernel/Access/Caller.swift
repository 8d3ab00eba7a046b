/// Who is asking: an authenticated subject with the groups its token names, or anonymous.
///
/// The daemon makes one from a verified bearer token; planning uses it to choose the services the
/// caller may use (``ServiceAccess``), and storage binds held offers and bookings to its ``owner``.
public struct Caller: Sendable, Hashable {
    /// The authenticated subject (a token's `sub`), or `nil` for an anonymous caller.
    public var subject: String?
    /// The issuer that vouched for ``subject`` (a token's `iss`), when known.
    public var issuer: String?
    /// The groups the issuer says the subject belongs to.
    public var groups: Set<String>

    /// A caller; with no subject it is anonymous (and has no groups).
    public init(subject: String? = nil, issuer: String? = nil, groups: Set<String> = []) {
        self.subject = subject
        self.issuer = subject == nil ? nil : issuer
        self.groups = subject == nil ? [] : groups
    }

    /// A caller who presented no credentials.
    public static let anonymous = Caller()

    /// Whether the caller presented valid credentials.
    public var isAuthenticated: Bool { subject != nil }

    /// The key that binds held offers and bookings to this caller: the issuer and the subject
    /// (two issuers may use the same `sub` for different people), or `nil` when anonymous.
    public var owner: String? {
        guard let subject else { return nil }
        guard let issuer else { return subject }
        return "\(issuer) \(subject)"
    }
}
