/// The generations of the IVOA ExecutionBroker draft's request document that `POST /offersets`
/// reads (`reference/ivoa-execution-broker.md` §1.4, §2.2, Appendix A). They differ in the
/// discriminator member (`type`, then `kind`) and in the URIs of the component kinds.
public enum ExecutionBrokerGeneration: String, Sendable, CaseIterable {
    /// 2025: `type` discriminators, `https://www.purl.org/ivoa.net/EB/schema/types/…`, `computer`.
    case draft2025 = "2025"
    /// 2025-11 to 2026-05: `kind` discriminators, `https://www.purl.org/ivoa.net/EB/schema/v1.0/types/…`.
    case draft2025v1 = "2025-11"
    /// 2026-06 on (Calycopis-openapi v1.0.7): `kind`, `…/Calycopis-openapi/schema/v1.0/kinds/….yaml`.
    case calycopis2026 = "2026-06"

    /// The common start of this generation's kind URIs.
    public var kindBase: String {
        switch self {
        case .draft2025: "https://www.purl.org/ivoa.net/EB/schema/types/"
        case .draft2025v1: "https://www.purl.org/ivoa.net/EB/schema/v1.0/types/"
        case .calycopis2026: "https://www.purl.org/ivoa.net/Calycopis-openapi/schema/v1.0/kinds/"
        }
    }

    /// The member that names a component's kind.
    public var discriminator: String { self == .draft2025 ? "type" : "kind" }

    /// The kind URI of one of this generation's components (`compute/simple-compute-resource`).
    func kind(_ folder: String, _ name: String) -> String {
        switch self {
        case .draft2025, .draft2025v1: kindBase + folder + "/" + name + "-1.0"
        case .calycopis2026: kindBase + folder + "/" + name + ".yaml"
        }
    }

    /// The simple compute resource's kind (the 2025 generation files it under `computer/`).
    public var computeKind: String { kind(self == .draft2025 ? "computer" : "compute", "simple-compute-resource") }
    /// The kind written on an offer set.
    public var offerSetKind: String { kind("offerset", "execution-offerset") }
    /// The kind written on each offer.
    public var sessionKind: String { kind("session", self == .calycopis2026 ? "simple-execution-session" : "scheduled-execution-session") }

    /// How an error message names the generation and its conventions.
    public var summary: String {
        "the \(rawValue) generation of the ExecutionBroker draft (`\(discriminator)` members, kinds under \(kindBase))"
    }

    /// The generation whose kind URIs `uri` belongs to, if any.
    public static func owning(_ uri: String) -> ExecutionBrokerGeneration? {
        allCases.first { uri.hasPrefix($0.kindBase) }
    }

    /// Every compute kind any generation wrote, in both folder spellings that clients of the
    /// transitions used (`compute/` and `computer/`).
    /// The 2025-04 spec OpenAPI's kind (`resources/compute/…`) is accepted too.
    static let computeKinds: Set<String> = Set(allCases.flatMap { generation in
        [generation.kind("compute", "simple-compute-resource"), generation.kind("computer", "simple-compute-resource")]
    } + [draft2025.kindBase + "resources/compute/simple-compute-resource-1.0"])
}
