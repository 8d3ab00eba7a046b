/// Encodes any `Encodable` into a ``JSONValue``, keeping object members in the order the type
/// encodes them (so answers read like the contract's examples).
public struct JSONValueEncoder: Sendable {
    /// An encoder.
    public init() {}

    /// The value's JSON form.
    /// - Throws: `EncodingError` for non-finite numbers, or whatever the value's `encode(to:)` throws.
    public func encode(_ value: some Encodable) throws -> JSONValue {
        let node = EncodingNode()
        try encode(value, into: node, codingPath: [])
        return node.value
    }

    func encode(_ value: some Encodable, into node: EncodingNode, codingPath: [any CodingKey]) throws {
        if let json = value as? JSONValue {
            node.kind = .single(json)
            return
        }
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}

extension JSONValue {
    /// Converts any `Encodable` value (a handler's `ServiceInfo`, say) into a `JSONValue`.
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }
}

final class EncodingNode {
    enum Kind {
        case empty
        case single(JSONValue)
        case object([(String, EncodingNode)])
        case array([EncodingNode])
    }

    var kind: Kind = .empty

    var value: JSONValue {
        switch kind {
        case .empty: .object(JSONObject())
        case .single(let value): value
        case .object(let members): .object(JSONObject(members.map { JSONObject.Member(key: $0.0, value: $0.1.value) }))
        case .array(let items): .array(items.map(\.value))
        }
    }

    func child(forKey key: String) -> EncodingNode {
        let child = EncodingNode()
        var members: [(String, EncodingNode)] = []
        if case .object(let existing) = kind { members = existing }
        if let index = members.firstIndex(where: { $0.0 == key }) { members[index].1 = child } else { members.append((key, child)) }
        kind = .object(members)
        return child
    }

    func appendChild() -> EncodingNode {
        let child = EncodingNode()
        var items: [EncodingNode] = []
        if case .array(let existing) = kind { items = existing }
        items.append(child)
        kind = .array(items)
        return child
    }

    func becomeObject() { if case .object = kind {} else { kind = .object([]) } }
    func becomeArray() { if case .array = kind {} else { kind = .array([]) } }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

/// Turns a primitive into a JSON value, refusing non-finite numbers.
func primitive(_ value: Any, codingPath: [any CodingKey]) throws -> JSONValue? {
    switch value {
    case let value as Bool: return .bool(value)
    case let value as String: return .string(value)
    case let value as Int: return .integer(Int64(value))
    case let value as Int8: return .integer(Int64(value))
    case let value as Int16: return .integer(Int64(value))
    case let value as Int32: return .integer(Int64(value))
    case let value as Int64: return .integer(value)
    case let value as UInt8: return .integer(Int64(value))
    case let value as UInt16: return .integer(Int64(value))
    case let value as UInt32: return .integer(Int64(value))
    case let value as UInt: guard let exact = Int64(exactly: value) else { break }; return .integer(exact)
    case let value as UInt64: guard let exact = Int64(exactly: value) else { break }; return .integer(exact)
    case let value as Double: guard value.isFinite else { break }; return .real(value)
    case let value as Float: guard value.isFinite else { break }; return .real(Double(value))
    default: return nil
    }
    throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "not representable in JSON"))
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).kind = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let child = node.child(forKey: key.stringValue)
        if let json = try primitive(value, codingPath: codingPath + [key]) { child.kind = .single(json); return }
        try JSONValueEncoder().encode(value, into: child, codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.becomeArray()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int {
        if case .array(let items) = node.kind { return items.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().kind = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let child = node.appendChild()
        if let json = try primitive(value, codingPath: codingPath) { child.kind = .single(json); return }
        try JSONValueEncoder().encode(value, into: child, codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = node.appendChild()
        child.becomeObject()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.becomeArray()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.kind = .single(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        if let json = try primitive(value, codingPath: codingPath) { node.kind = .single(json); return }
        try JSONValueEncoder().encode(value, into: node, codingPath: codingPath)
    }
}
