import PlannerKernel

/// Encodes an `Encodable` into a ``JSONValue`` keeping object members in the order they are
/// encoded (Foundation's `JSONEncoder` on Linux does not). A stand-in for the kernel until the
/// kernel's `JSONValue(encoding:)` keeps order; proposed for the kernel in the helper's report.
struct OrderedJSONEncoder {
    /// The JSON value of `value`.
    func encode(_ value: some Encodable) throws -> JSONValue {
        let node = EncodingNode()
        try node.store(value, codingPath: [])
        return node.value
    }
}

/// What has been encoded at one place in the tree.
private final class EncodingNode {
    enum Content { case empty, scalar(JSONValue), array([EncodingNode]), object([(String, EncodingNode)]) }
    var content = Content.empty

    var value: JSONValue {
        switch content {
        case .empty: .object(JSONObject())
        case .scalar(let value): value
        case .array(let nodes): .array(nodes.map(\.value))
        case .object(let members): .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1.value) }))
        }
    }

    func store(_ value: some Encodable, codingPath: [any CodingKey]) throws {
        if let scalar = try Self.scalar(value, codingPath: codingPath) { content = .scalar(scalar); return }
        try value.encode(to: NodeEncoder(node: self, codingPath: codingPath))
    }

    func child(forKey key: String) -> EncodingNode {
        let node = EncodingNode()
        var members: [(String, EncodingNode)] = []
        if case .object(let existing) = content { members = existing.filter { $0.0 != key } }
        content = .object(members + [(key, node)])
        return node
    }

    func appendChild() -> EncodingNode {
        let node = EncodingNode()
        if case .array(let existing) = content { content = .array(existing + [node]) } else { content = .array([node]) }
        return node
    }

    static func scalar(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue? {
        switch value {
        case let value as Bool: return .bool(value)
        case let value as String: return .string(value)
        case let value as Double: return .real(value)
        case let value as Float: return .real(Double(value))
        case let value as any BinaryInteger:
            guard let integer = Int64(exactly: value) else {
                throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "does not fit in Int64"))
            }
            return .integer(integer)
        default: return nil
        }
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .object = node.content {} else { node.content = .object([]) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = node.content {} else { node.content = .array([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try node.child(forKey: key.stringValue).store(value, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { if case .array(let nodes) = node.content { nodes.count } else { 0 } }

    mutating func encodeNil() throws { node.appendChild().content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { try node.appendChild().store(value, codingPath: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: node.appendChild(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.appendChild(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.content = .scalar(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws { try node.store(value, codingPath: codingPath) }
}
