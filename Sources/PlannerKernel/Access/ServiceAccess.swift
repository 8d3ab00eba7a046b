/// Who may use a service (a service's `allow` block): everyone, or the listed subjects and the
/// members of the listed groups, optionally only as vouched for by the listed issuers.
public enum ServiceAccess: Sendable, Hashable {
    /// Every caller, anonymous ones included (no `allow` block).
    case everyone
    /// Authenticated callers whose subject is in `subjects` or who belong to one of `groups`;
    /// when `issuers` is not empty, only callers whose token came from one of them.
    case only(subjects: Set<String>, groups: Set<String>, issuers: Set<String> = [])

    /// Whether `caller` may use the service.
    public func admits(_ caller: Caller) -> Bool {
        switch self {
        case .everyone:
            return true
        case .only(let subjects, let groups, let issuers):
            guard let subject = caller.subject else { return false }
            if !issuers.isEmpty {
                guard let issuer = caller.issuer, issuers.contains(issuer) else { return false }
            }
            return subjects.contains(subject) || !groups.isDisjoint(with: caller.groups)
        }
    }
}
