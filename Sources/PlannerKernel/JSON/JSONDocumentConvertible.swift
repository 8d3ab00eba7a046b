/// A value that builds its own JSON document.
///
/// A handler's `ServiceInfo` may adopt it so that planning takes the document directly instead of
/// encoding the value through `Encodable` for every offer, which is several times slower. Keep the
/// two in agreement by letting `encode(to:)` encode ``jsonDocument``.
public protocol JSONDocumentConvertible {
    /// The value as a JSON document, object members in the order they are written.
    var jsonDocument: JSONValue { get }
}

extension JSONValue {
    /// The JSON document of `value`: its ``JSONDocumentConvertible/jsonDocument`` when it has one,
    /// otherwise what its `Encodable` conformance writes.
    /// - Throws: `EncodingError` from an `Encodable` conformance.
    public init(document value: some Encodable) throws {
        if let convertible = value as? any JSONDocumentConvertible {
            self = convertible.jsonDocument
        } else {
            self = try JSONValue(encoding: value)
        }
    }
}
