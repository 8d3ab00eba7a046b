/// The planner's `200` answer (API.md §3): `YES` with offers, or `NO` with every reason.
public struct Answer: Sendable, Hashable, Encodable {
    /// `YES` or `NO`.
    public enum ResponseWord: String, Sendable, Hashable, Codable {
        /// At least one offer.
        case yes = "YES"
        /// No offer; see the reasons.
        case no = "NO"
    }

    /// `YES` or `NO`.
    public var responseword: ResponseWord
    /// The client's task type, unchanged.
    public var tasktype: String
    /// The offers, best first (empty for `NO`).
    public var offers: [Offer]
    /// Every reason for a `NO` (empty for `YES`).
    public var reasons: [Reason]
    /// Notes for the client, with `YES` or `NO`.
    public var warnings: [PlanWarning]
    /// The supported task types, on an `unsupported-tasktype` answer.
    public var supported: [String]?

    /// An answer; `responseword` follows from whether there are offers.
    public init(tasktype: String, offers: [Offer], reasons: [Reason], warnings: [PlanWarning], supported: [String]? = nil) {
        self.responseword = offers.isEmpty ? .no : .yes
        self.tasktype = tasktype
        self.offers = offers
        self.reasons = offers.isEmpty ? reasons : []
        self.warnings = warnings
        self.supported = supported
    }

    /// Encodes ``document``: the seed's simple shape (`servicetype`, `serviceinfo`, `resources` of
    /// the best offer) ahead of the full lists.
    public func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
    }
}
