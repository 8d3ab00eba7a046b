public import PlannerKernel

extension StoredOffer {
    /// The offer as `GET /offers/{id}` shows it at `now` (API.md §5).
    public func offerDocument(now: Int64) -> JSONValue {
        var document = JSONObject()
        document["id"] = .string(id)
        document["state"] = .string(state(at: now).rawValue)
        document["expires"] = .string(RFC3339.format(seconds: expires))
        document["service"] = .string(service)
        document["servicetype"] = .string(servicetype)
        document["serviceinfo"] = serviceinfo
        document["resources"] = resources
        document["start"] = .string(RFC3339.format(seconds: start))
        if let booking { document["booking"] = .string(booking) }
        return .object(document)
    }

    /// The booking it became, as `GET /bookings/{id}` shows it (API.md §5); `nil` before it was accepted.
    public func bookingDocument() -> JSONValue? {
        guard let booking, let bookingState else { return nil }
        var document = JSONObject()
        document["id"] = .string(booking)
        document["offer"] = .string(id)
        document["state"] = .string(bookingState.rawValue)
        document["service"] = .string(service)
        document["servicetype"] = .string(servicetype)
        document["serviceinfo"] = serviceinfo
        document["resources"] = resources
        document["start"] = .string(RFC3339.format(seconds: start))
        document["end"] = .string(RFC3339.format(seconds: end))
        return .object(document)
    }
}
