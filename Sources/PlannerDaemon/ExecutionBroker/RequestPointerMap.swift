public import PlannerKernel

/// Where each part of a translated ask came from in the client's request document, so that a
/// problem or reason found in the ask is reported at the request's own JSON Pointer.
public struct RequestPointerMap: Sendable {
    /// Pairs of (pointer into the ask, pointer into the request); the longest matching ask prefix wins.
    var entries: [(ask: JSONPointer, request: JSONPointer)] = []

    /// An empty map: every pointer maps to the request's root.
    public init() {}

    /// Records that the ask's `ask` subtree came from the request's `request` subtree.
    public mutating func map(_ ask: JSONPointer, to request: JSONPointer) {
        entries.append((ask, request))
    }

    /// The request pointer for an ask pointer: the mapped prefix plus the rest of the tokens.
    public func request(for pointer: JSONPointer) -> JSONPointer {
        var best: (length: Int, request: JSONPointer)?
        for entry in entries where pointer.tokens.starts(with: entry.ask.tokens) {
            if entry.ask.tokens.count > (best?.length ?? -1) { best = (entry.ask.tokens.count, entry.request) }
        }
        guard let best else { return .root }
        return JSONPointer(tokens: best.request.tokens + pointer.tokens.dropFirst(best.length))
    }
}
