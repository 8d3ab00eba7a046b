public import Foundation

/// One alternative in a `YES`: which service, where to send the task, what it gets and when.
public struct Offer: Sendable, Hashable, Encodable {
    /// The offer's id, when it is held (API.md §5).
    public var id: String?
    /// `OFFERED`, `ACCEPTED`, `REJECTED` or `EXPIRED`, when it is held.
    public var state: String?
    /// When a held offer lapses.
    public var expires: Date?
    /// The service's configured name.
    public var service: String
    /// The service type URI.
    public var servicetype: String
    /// The handler's type-specific description (always with `endpoint`).
    public var serviceinfo: JSONValue
    /// The offered resources.
    public var resources: OfferedResources
    /// When the task may start.
    public var start: Date

    /// An offer.
    public init(
        service: String, servicetype: String, serviceinfo: JSONValue, resources: OfferedResources, start: Date,
        id: String? = nil, state: String? = nil, expires: Date? = nil
    ) {
        self.service = service
        self.servicetype = servicetype
        self.serviceinfo = serviceinfo
        self.resources = resources
        self.start = start
        self.id = id
        self.state = state
        self.expires = expires
    }

    /// Encodes ``document``, with RFC 3339 timestamps whatever the encoder's date strategy.
    public func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
    }
}
