import PlannerKernel

/// A stored offer as the columns of the `offers` table, in the order of ``columns``; shared by
/// both engines so the table reads the same whichever database holds it.
struct StoredOfferRow: Sendable, Hashable {
    /// The table's columns, in order.
    static let columns = [
        "id", "offer_set", "owner", "key", "tasktype", "service", "servicetype", "serviceinfo", "resources",
        "start_at", "end_at", "cores", "memory", "created", "expires", "state", "booking", "booking_state", "changed",
    ]
    /// The columns as a select list.
    static let selectList = columns.joined(separator: ", ")

    var id: String
    var offerSet: String
    var owner: String?
    var key: Int64
    var tasktype: String
    var service: String
    var servicetype: String
    var serviceinfo: String
    var resources: String
    var start: Int64
    var end: Int64
    var cores: Int64
    var memory: Int64
    var created: Int64
    var expires: Int64
    var state: String
    var booking: String?
    var bookingState: String?
    var changed: Int64
}

extension StoredOfferRow {
    init(_ offer: StoredOffer) {
        self.init(
            id: offer.id, offerSet: offer.offerSet, owner: offer.owner, key: offer.key, tasktype: offer.tasktype,
            service: offer.service, servicetype: offer.servicetype, serviceinfo: offer.serviceinfo.jsonText,
            resources: offer.resources.jsonText, start: offer.start, end: offer.end, cores: offer.cores,
            memory: offer.memory, created: offer.created, expires: offer.expires, state: offer.state.rawValue,
            booking: offer.booking, bookingState: offer.bookingState?.rawValue, changed: offer.changed)
    }
}

extension StoredOffer {
    /// The offer a row holds.
    /// - Throws: ``ReservationError/Code/storageInconsistent`` for a state or JSON text this
    ///   version does not know (a newer daemon wrote it, or the row was edited by hand).
    init(row: StoredOfferRow) throws(ReservationError) {
        guard let state = OfferState(rawValue: row.state) else {
            throw ReservationError(.storageInconsistent, "offer \(row.id) has the unknown state \"\(row.state.prefix(32))\"")
        }
        var bookingState: BookingState?
        if let text = row.bookingState {
            guard let known = BookingState(rawValue: text) else {
                throw ReservationError(.storageInconsistent, "offer \(row.id) has the unknown booking state \"\(text.prefix(32))\"")
            }
            bookingState = known
        }
        let parser = StrictJSONParser()
        let serviceinfo: JSONValue
        let resources: JSONValue
        do {
            serviceinfo = try parser.parse(row.serviceinfo)
            resources = try parser.parse(row.resources)
        } catch {
            throw ReservationError(.storageInconsistent, "offer \(row.id) holds unreadable JSON: \(error)")
        }
        self.init(
            id: row.id, offerSet: row.offerSet, owner: row.owner, key: row.key, tasktype: row.tasktype, service: row.service,
            servicetype: row.servicetype, serviceinfo: serviceinfo, resources: resources, start: row.start, end: row.end,
            cores: row.cores, memory: row.memory, created: row.created, expires: row.expires, state: state,
            booking: row.booking, bookingState: bookingState, changed: row.changed)
    }
}

extension CapacityChange {
    /// The change-log columns, in order.
    static let columns = ["version", "kind", "key", "service", "start_at", "end_at", "cores", "memory", "expires", "logged"]
    /// The columns as a select list (without `logged`).
    static let selectList = columns.dropLast().joined(separator: ", ")

    /// A change read back from the log.
    init(version: Int64, kind text: String, key: Int64, service: String, start: Int64, end: Int64, cores: Int64, memory: Int64, expires: Int64) throws(ReservationError) {
        guard let kind = Kind(rawValue: text) else {
            throw ReservationError(.storageInconsistent, "change \(version) has the unknown kind \"\(text.prefix(32))\"")
        }
        self.init(version: version, kind: kind, key: key, service: service, start: start, end: end, cores: cores, memory: memory, expires: expires)
    }
}
