/// A JSON object whose members keep their document order; keys are unique.
public struct JSONObject: Sendable, Hashable {
    /// One `"key": value` member.
    public struct Member: Sendable, Hashable {
        /// The member's key.
        public var key: String
        /// The member's value.
        public var value: JSONValue

        /// A member.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order.
    public private(set) var members: [Member]

    /// An object from members; a later member with the same key replaces an earlier one.
    /// Linear in the number of members (a hostile body may hold tens of thousands).
    public init(_ members: [Member] = []) {
        // Up to eight members (a handler's service info) are compared pairwise, cheaper than hashing.
        let hashed = members.count > 8
        var positions: [String: Int] = [:]
        if hashed { positions.reserveCapacity(members.count) }
        var unique: [Member] = []
        unique.reserveCapacity(members.count)
        for member in members {
            if let position = hashed ? positions[member.key] : unique.firstIndex(where: { $0.key == member.key }) {
                unique[position].value = member.value
            } else {
                if hashed { positions[member.key] = unique.count }
                unique.append(member)
            }
        }
        self.members = unique
    }

    /// An object from members whose keys the caller knows to be unique (the parser, which has
    /// checked them, and the answer builders): no second hashing of every key.
    init(uniqueMembers members: [Member]) {
        self.members = members
    }

    /// The value for `key`, or `nil`; setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get { members.first { $0.key == key }?.value }
        set {
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// The keys in document order.
    public var keys: [String] { members.map(\.key) }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object from a literal, keeping the written order: `["alg": "ES256", "kid": "k1"]`.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
