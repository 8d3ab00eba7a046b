import PlannerKernel
import Testing

@Suite("JSON Pointer")
struct JSONPointerTests {
    @Test("keys are escaped as RFC 6901 says")
    func escaping() {
        #expect(JSONPointer.root.description == "")
        #expect(JSONPointer(tokens: ["a/b", "m~n", "0"]).description == "/a~1b/m~0n/0")
        #expect(JSONPointer.root.appending("taskinfo").appending(index: 3).description == "/taskinfo/3")
        // Non-ASCII tokens, with and without characters to escape, and combining marks kept as written.
        #expect(JSONPointer(tokens: ["Ärger/é~", "e\u{301}", "", "~~//"]).description == "/Ärger~1é~0/e\u{301}//~0~0~1~1")
    }

    @Test("rendered pointers parse back", arguments: ["", "/a~1b/m~0n/0", "/", "//x", "/~01"])
    func roundTrip(text: String) throws {
        let pointer = try #require(JSONPointer(text))
        #expect(pointer.description == text)
    }

    @Test("malformed pointers are refused", arguments: ["a", "/~2", "/~"])
    func malformed(text: String) {
        #expect(JSONPointer(text) == nil)
    }
}
