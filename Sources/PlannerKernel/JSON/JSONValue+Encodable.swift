public import Foundation

extension JSONValue {
    /// Converts any `Encodable` value (a handler's `ServiceInfo`, say) into a `JSONValue`.
    public init(encoding value: some Encodable) throws {
        let data = try JSONEncoder.planner.encode(value)
        do {
            self = try StrictJSONParser(maximumDepth: 256).parse(data)
        } catch {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: error.description))
        }
    }
}

extension JSONEncoder {
    /// The encoder plannerd answers with: no escaped slashes, sorted nothing (document order kept).
    public static var planner: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// The same, indented for people (used by `plannerd check`).
    public static var plannerPretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .prettyPrinted]
        return encoder
    }
}
