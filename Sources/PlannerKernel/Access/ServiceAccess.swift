/// Who may use a service (a service's `allow` block): everyone, or the listed subjects and the
/// members of the listed groups.
public enum ServiceAccess: Sendable, Hashable {
    /// Every caller, anonymous ones included (no `allow` block).
    case everyone
    /// Authenticated callers whose subject is in `subjects` or who belong to one of `groups`.
    case only(subjects: Set<String>, groups: Set<String>)

    /// Whether `caller` may use the service.
    public func admits(_ caller: Caller) -> Bool {
        switch self {
        case .everyone:
            return true
        case .only(let subjects, let groups):
            guard let subject = caller.subject else { return false }
            return subjects.contains(subject) || !groups.isDisjoint(with: caller.groups)
        }
    }
}
