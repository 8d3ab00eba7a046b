/// Where a failed start-time search may resume: the instant up to which every start is blocked.
///
/// Without it, a search that fails at one candidate start tries the next release, and the next,
/// through a whole busy stretch (thousands of candidates with 100 000 reservations). With it, the
/// search jumps past the last over-full instant of the failed window in O(log n), using the
/// subtree sums and prefix maxima the treap already keeps.

extension CapacityTimeline {
    /// The last instant `b` such that every start in `[start, b]` overlaps, within `[start, end)`,
    /// an instant whose usage exceeds `limit` in some resource; `nil` when no instant of
    /// `[start, end)` exceeds it. The next candidate start is then the first release after `b`.
    public func blockedThrough(from start: Int64, to end: Int64, limit: Amount) -> Int64? {
        let low = EventKey(time: start, isStart: true, reservation: .max)
        let high = EventKey(time: end, isStart: false, reservation: 0)
        let base = usage(at: start)
        var pieces: [(node: Int32, whole: Bool)] = []
        collect(root, after: low, before: high, into: &pieces)
        var offsets: [Amount] = []
        offsets.reserveCapacity(pieces.count)
        var running = base
        for piece in pieces {
            offsets.append(running)
            running = running + (piece.whole ? aggregateOf(piece.node).sum : nodes[Int(piece.node)].delta)
        }
        for index in pieces.indices.reversed() {
            let (node, whole) = pieces[index]
            let offset = offsets[index]
            if whole {
                guard let top = aggregateOf(node).maxPrefix.map({ offset + $0 }) else { continue }
                var best: EventKey?
                if top.cores > limit.cores { best = rightmost(node, offset: offset, limit: limit.cores, \.cores) }
                if top.memory > limit.memory {
                    let memory = rightmost(node, offset: offset, limit: limit.memory, \.memory)
                    best = best.map { Swift.max($0, memory) } ?? memory
                }
                if let best { return best.isStart ? best.time : best.time - 1 }
            } else {
                let current = nodes[Int(node)]
                let after = offset + current.delta
                if after.cores > limit.cores || after.memory > limit.memory {
                    return current.key.isStart ? current.key.time : current.key.time - 1
                }
            }
        }
        return base.cores > limit.cores || base.memory > limit.memory ? start : nil
    }

    /// The last event of `node`'s subtree after which `offset` plus the prefix sum exceeds `limit`
    /// in resource `resource`; the subtree must have one.
    private func rightmost(_ node: Int32, offset: Amount, limit: Int64, _ resource: KeyPath<Amount, Int64>) -> EventKey {
        var node = node
        var offset = offset
        while true {
            let current = nodes[Int(node)]
            let here = offset + aggregateOf(current.left).sum + current.delta
            if let right = aggregateOf(current.right).maxPrefix, (here + right)[keyPath: resource] > limit {
                offset = here
                node = current.right
            } else if here[keyPath: resource] > limit {
                return current.key
            } else {
                node = current.left
            }
        }
    }

    /// The subtrees and single nodes covering the keys in `(low, high)`, in order.
    private func collect(_ node: Int32, after low: EventKey, before high: EventKey, into pieces: inout [(node: Int32, whole: Bool)]) {
        guard node >= 0 else { return }
        let current = nodes[Int(node)]
        if current.key <= low { return collect(current.right, after: low, before: high, into: &pieces) }
        if current.key >= high { return collect(current.left, after: low, before: high, into: &pieces) }
        collectSuffix(current.left, after: low, into: &pieces)
        pieces.append((node, false))
        collectPrefix(current.right, before: high, into: &pieces)
    }

    private func collectSuffix(_ node: Int32, after low: EventKey, into pieces: inout [(node: Int32, whole: Bool)]) {
        guard node >= 0 else { return }
        let current = nodes[Int(node)]
        if current.key <= low { return collectSuffix(current.right, after: low, into: &pieces) }
        collectSuffix(current.left, after: low, into: &pieces)
        pieces.append((node, false))
        if current.right >= 0 { pieces.append((current.right, true)) }
    }

    private func collectPrefix(_ node: Int32, before high: EventKey, into pieces: inout [(node: Int32, whole: Bool)]) {
        guard node >= 0 else { return }
        let current = nodes[Int(node)]
        if current.key >= high { return collectPrefix(current.left, before: high, into: &pieces) }
        if current.left >= 0 { pieces.append((current.left, true)) }
        pieces.append((node, false))
        collectPrefix(current.right, before: high, into: &pieces)
    }
}
