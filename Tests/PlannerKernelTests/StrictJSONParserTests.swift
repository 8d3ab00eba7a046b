import PlannerKernel
import Foundation
import Testing

@Suite("Strict JSON parser")
struct StrictJSONParserTests {
    let parser = StrictJSONParser()

    func problems(_ text: String) -> [Problem] {
        do {
            _ = try parser.parse(text)
            return []
        } catch {
            return error.problems
        }
    }

    func problems(bytes: [UInt8]) -> [Problem] {
        do {
            _ = try parser.parse(bytes)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("parses every JSON type and keeps member order")
    func parsesValues() throws {
        let value = try parser.parse(#"{"b": [1, -2, 3.5, 1e2, true, false, null], "a": "x\u00e9\ud83d\ude00\n\/"}"#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["b", "a"])
        #expect(object["b"] == [1, -2, 3.5, 100.0, true, false, nil])
        #expect(object["a"] == .string("xé😀\n/"))
    }

    @Test("every duplicate key is reported with its path")
    func duplicateKeys() {
        let found = problems(#"{"a": 1, "a": 2, "b": {"c": 1, "c": 2}}"#)
        #expect(found.map(\.code) == [.duplicateKey, .duplicateKey])
        #expect(found.map(\.path.description) == ["/a", "/b/c"])
    }

    @Test("numbers outside int64 or double are refused", arguments: ["1e400", "-1e400", "99999999999999999999", "[9223372036854775808]"])
    func outOfRange(text: String) {
        #expect(problems(text).map(\.code) == [.numberOutOfRange])
    }

    @Test("int64 bounds are accepted")
    func int64Bounds() throws {
        #expect(try parser.parse("[9223372036854775807, -9223372036854775808]") == [.integer(.max), .integer(.min)])
    }

    @Test("nesting deeper than the limit is refused without exhausting the stack", arguments: [65, 10_000, 100_000])
    func tooDeep(depth: Int) {
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(problems(text).map(\.code) == [.tooDeep])
    }

    @Test("nesting of exactly 64 is accepted")
    func depthLimit() throws {
        let text = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parser.parse(text).depth == 64)
    }

    @Test("malformed documents are syntax errors", arguments: [
        "", "   ", "{", "{\"a\" 1}", "{\"a\":1,}", "[1,]", "[01]", "[1.]", "[.5]", "[+1]", "[1e]", "tru", "nul",
        "{\"a\":1} x", "'a'", "{a:1}", "[\"\u{01}\"]", "[\"\\x\"]", "[\"\\ud800\"]", "[\"\\udc00x\"]", "\"abc", "[NaN]", "[Infinity]",
    ])
    func syntax(text: String) {
        let found = problems(text)
        #expect(found.count == 1 && found[0].code == .invalidJSON, "\(text): \(found)")
    }

    @Test("invalid UTF-8 is refused", arguments: [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82]] as [[UInt8]])
    func invalidUTF8(bytes: [UInt8]) {
        #expect(problems(bytes: bytes).map(\.code) == [.invalidEncoding])
    }

    @Test("a byte-order mark is refused")
    func byteOrderMark() {
        #expect(problems(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)).map(\.code) == [.invalidJSON])
    }
}

@Suite("JSON output")
struct JSONSerializationTests {
    @Test("serialisation keeps order, escapes what it must and never escapes slashes")
    func serialize() throws {
        let value: JSONValue = ["z": "a/b \"q\" \\ \n\u{01}é", "a": [1, 2.5, true, nil], "m": [:]]
        #expect(value.jsonText == #"{"z":"a/b \"q\" \\ \n\u0001é","a":[1,2.5,true,null],"m":{}}"#)
        #expect(try StrictJSONParser().parse(value.serialized()) == value)
    }

    @Test("pretty output parses back to the same value")
    func pretty() throws {
        let value: JSONValue = ["a": [1, ["b": "c"]], "d": []]
        let text = String(decoding: value.prettySerialized(), as: UTF8.self)
        #expect(text.contains("\n  \"a\": [\n"))
        #expect(try StrictJSONParser().parse(text) == value)
    }

    @Test("Encodable values encode in declaration order")
    func encoder() throws {
        struct Sample: Encodable { var zeta = 1; var alpha: String? = nil; var list = [1.5]; var nested = ["k": "v"] }
        #expect(try JSONValue(encoding: Sample()).jsonText == #"{"zeta":1,"list":[1.5],"nested":{"k":"v"}}"#)
        #expect(throws: EncodingError.self) { try JSONValue(encoding: [Double.nan]) }
    }
}

@Suite("Strict JSON parser: strings")
struct StrictJSONStringTests {
    @Test("strings with and without escapes read as Foundation reads them", arguments: [
        #""""#, #""plain""#, #""\n""#, #""a\nb""#, #""\"quoted\"""#, #""tail\\""#, #""\u0000x""#, #""\u00e9t\u00e9""#,
        #""\ud83d\ude00 and \ud83d\ude00""#, #""\/\b\f\r\t""#, "\"déjà vu ✓ 😀\"", #""x\u2028y""#, "\"mixed é\\t😀\\u0041\"",
    ])
    func matchesFoundation(_ text: String) throws {
        let ours = try StrictJSONParser().parse(text)
        let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? String
        #expect(ours == .string(theirs ?? "(not a string)"))
    }
}
