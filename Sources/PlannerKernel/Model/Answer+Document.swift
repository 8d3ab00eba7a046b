/// Answers as JSON documents, built member by member, without the generic encoder's dynamic
/// casts and boxes: `POST /plan` sends one per request (docs/performance.md). The `Encodable`
/// conformances of ``Answer`` and ``Offer`` encode these documents, so each shape is written once.
extension Answer {
    /// The answer as the JSON document `POST /plan` returns: the seed's `servicetype`,
    /// `serviceinfo` and `resources` of the best offer ahead of the full lists (API.md §3).
    public var document: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "responseword", value: .string(responseword.rawValue)),
            .init(key: "tasktype", value: .string(tasktype)),
        ]
        if let best = offers.first {
            members.append(.init(key: "servicetype", value: .string(best.servicetype)))
            members.append(.init(key: "serviceinfo", value: best.serviceinfo))
            members.append(.init(key: "resources", value: best.resources.document))
        }
        members.append(.init(key: "offers", value: .array(offers.map(\.document))))
        members.append(.init(key: "reasons", value: .array(reasons.map(\.document))))
        members.append(.init(key: "warnings", value: .array(warnings.map(\.document))))
        if let supported {
            members.append(.init(key: "supported", value: .array(supported.map(JSONValue.string))))
        }
        return .object(JSONObject(uniqueMembers: members))
    }
}

extension Offer {
    /// The offer as a JSON object, timestamps in RFC 3339.
    public var document: JSONValue {
        var members: [JSONObject.Member] = []
        members.reserveCapacity(8)
        if let id { members.append(.init(key: "id", value: .string(id))) }
        if let state { members.append(.init(key: "state", value: .string(state))) }
        if let expires { members.append(.init(key: "expires", value: .string(RFC3339.format(expires)))) }
        members.append(.init(key: "service", value: .string(service)))
        members.append(.init(key: "servicetype", value: .string(servicetype)))
        members.append(.init(key: "serviceinfo", value: serviceinfo))
        members.append(.init(key: "resources", value: resources.document))
        members.append(.init(key: "start", value: .string(RFC3339.format(start))))
        return .object(JSONObject(uniqueMembers: members))
    }
}

extension OfferedResources {
    /// Every bound, quantities and durations in their canonical spelling.
    public var document: JSONValue {
        .object(JSONObject(uniqueMembers: [
            .init(key: "mincores", value: .integer(mincores)),
            .init(key: "maxcores", value: .integer(maxcores)),
            .init(key: "minmemory", value: .string(minmemory.canonical)),
            .init(key: "maxmemory", value: .string(maxmemory.canonical)),
            .init(key: "minduration", value: .string(minduration.canonical)),
            .init(key: "maxduration", value: .string(maxduration.canonical)),
        ]))
    }
}

extension Reason {
    /// The reason as a JSON object; `limit`, `nearest` and `service` only when present.
    public var document: JSONValue {
        var members: [JSONObject.Member] = [
            .init(key: "path", value: .string(path.description)),
            .init(key: "code", value: .string(code.rawValue)),
            .init(key: "class", value: .string(reasonClass.rawValue)),
            .init(key: "message", value: .string(message)),
        ]
        if let limit { members.append(.init(key: "limit", value: limit)) }
        if let nearest { members.append(.init(key: "nearest", value: .object(nearest))) }
        if let service { members.append(.init(key: "service", value: .string(service))) }
        return .object(JSONObject(uniqueMembers: members))
    }
}

extension PlanWarning {
    /// The warning as a JSON object.
    public var document: JSONValue {
        .object(JSONObject(uniqueMembers: [
            .init(key: "path", value: .string(path.description)),
            .init(key: "code", value: .string(code.rawValue)),
            .init(key: "message", value: .string(message)),
        ]))
    }
}
