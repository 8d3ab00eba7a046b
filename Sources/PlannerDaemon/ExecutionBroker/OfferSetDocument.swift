import Foundation
public import PlannerKernel

/// A plannerd answer in the ExecutionBroker draft's offer-set shape (API.md §9): `result`, the held
/// `offers` as sessions in the `OFFERED` phase, and `messages` (reasons and warnings, rendered,
/// with pointers into the client's request).
public struct OfferSetDocument: Sendable {
    /// The planner's answer to the translated ask.
    public var answer: Answer
    /// The translation, for the generation's kinds and the request's pointers.
    public var translation: OfferSetTranslation
    /// The daemon's public base URL (`http://host:port`), for each offer's `meta.url`.
    public var baseURL: String

    /// An offer set.
    public init(answer: Answer, translation: OfferSetTranslation, baseURL: String) {
        self.answer = answer
        self.translation = translation
        self.baseURL = baseURL
    }

    /// The document.
    public var document: JSONValue {
        let generation = translation.generation
        var messages: [JSONValue] = answer.reasons.map { message(level: "ERROR", code: $0.code, path: $0.path, text: $0.message) }
        messages += answer.warnings.map { message(level: "WARN", code: $0.code, path: $0.path, text: $0.message) }
        messages += translation.notes.map { note in
            Self.message(level: "WARN", code: note.code, path: note.path, text: note.message)
        }
        if let offered = answer.offers.first?.resources, !Self.isWholeGibibytes(offered.minmemory) || !Self.isWholeGibibytes(offered.maxmemory) {
            let memory = Self.gibibytes(min: offered.minmemory, max: offered.maxmemory)
            messages.append(message(level: "INFO", code: .memoryRounded, path: JSONPointer(tokens: ["resources", "minmemory"]),
                text: "the offered memory is \(offered.minmemory.canonical)–\(offered.maxmemory.canonical); "
                    + "in whole GiB, as the draft counts memory, \(memory.min)–\(memory.max)"))
        }
        return .object([
            "kind": .string(generation.offerSetKind),
            "result": .string(answer.responseword.rawValue),
            "offers": .array(answer.offers.map(session)),
            "messages": .array(messages),
        ])
    }

    /// One held offer as an execution session.
    func session(_ offer: Offer) -> JSONValue {
        let generation = translation.generation
        let id = offer.id ?? ""
        let resources = offer.resources
        let memory = Self.gibibytes(min: resources.minmemory, max: resources.maxmemory)
        var members: JSONObject = [
            "kind": .string(generation.sessionKind),
            "uuid": .string(id),
            "meta": ["uuid": .string(id), "url": .string(baseURL + "/offers/" + id)],
            "phase": .string(offer.state ?? "OFFERED"),
        ]
        if let expires = offer.expires { members["expires"] = .string(RFC3339.format(expires)) }
        members["executable"] = ["kind": .string(translation.executableKind ?? answer.tasktype)]
        members["compute"] = [
            "kind": .string(generation.computeKind),
            "cores": ["min": .integer(resources.mincores), "max": .integer(resources.maxcores)],
            "memory": ["min": .integer(memory.min), "max": .integer(memory.max)],
        ]
        members["schedule"] = [
            "available": [
                "start": .string(RFC3339.format(offer.start) + "/PT0S"),
                "duration": .string(Self.iso8601(resources.maxduration)),
            ],
        ]
        members["service"] = .string(offer.service)
        members["servicetype"] = .string(offer.servicetype)
        members["serviceinfo"] = offer.serviceinfo
        return .object(members)
    }

    /// An offered memory range in whole GiB: the maximum rounded down (never more than offered),
    /// the minimum rounded up (never less than offered) but not above that maximum.
    public static func gibibytes(min lower: MemoryQuantity, max upper: MemoryQuantity) -> (min: Int64, max: Int64) {
        let gibibyte = Int64(1) << 30
        let maximum = upper.bytes / gibibyte
        let minimum = lower.bytes / gibibyte + (lower.bytes % gibibyte == 0 ? 0 : 1)
        return (Swift.min(minimum, maximum), maximum)
    }

    static func isWholeGibibytes(_ quantity: MemoryQuantity) -> Bool { quantity.bytes % (Int64(1) << 30) == 0 }

    func message(level: String, code: ProblemCode, path: JSONPointer, text: String) -> JSONValue {
        Self.message(level: level, code: code, path: translation.pointers.request(for: path), text: text)
    }

    /// A message item (the draft's `MessageItem`, rendered): `kind` names plannerd's code.
    static func message(level: String, code: ProblemCode, path: JSONPointer, text: String) -> JSONValue {
        ["kind": .string("urn:plannerd:" + code.rawValue), "level": .string(level), "path": .string(path.description), "message": .string(text)]
    }

    /// A duration in ISO 8601 (`PT1H30M`, `PT0S`), hours as the largest unit.
    public static func iso8601(_ duration: TaskDuration) -> String {
        let seconds = duration.seconds
        guard seconds > 0 else { return "PT0S" }
        var text = "PT"
        if seconds >= 3600 { text += "\(seconds / 3600)H" }
        if seconds % 3600 >= 60 { text += "\(seconds % 3600 / 60)M" }
        if seconds % 60 > 0 { text += "\(seconds % 60)S" }
        return text
    }
}
