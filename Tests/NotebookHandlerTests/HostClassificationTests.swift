import NotebookHandler
import PlannerKernel
import Testing

/// The SSRF host classes.
@Suite("Host classification")
struct HostClassificationTests {
    @Test("restricted hosts", arguments: [
        "127.0.0.1", "127.255.0.9", "0.0.0.0", "10.0.0.1", "100.64.0.1", "169.254.169.254", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "224.0.0.1", "255.255.255.255", "[::1]", "[::]", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]",
        "[::ffff:10.0.0.1]", "[::ffff:7f00:1]", "[64:ff9b::192.168.0.1]", "[2002:c0a8:0001::1]", "localhost", "LocalHost",
        "a.localhost", "printer.local", "db.internal", "nas.home.arpa",
    ])
    func restricted(_ host: String) throws {
        #expect(try HostClassification.classify(host).isRestricted)
    }

    @Test("public hosts", arguments: [
        "example.org", "raw.githubusercontent.com", "8.8.8.8", "172.32.0.1", "100.128.0.1", "192.0.2.1", "[2001:db8::1]",
        "[2606:4700::1111]", "[::ffff:8.8.8.8]", "localhost-like.example.org",
    ])
    func publicHosts(_ host: String) throws {
        #expect(try !HostClassification.classify(host).isRestricted)
    }

    @Test("numeric hosts that are not plain addresses are refused", arguments: [
        "2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1", "1.2.3.4.5", "256.0.0.1", "example.123", "[1::2::3]", "[12345::]",
        "[fe80::1%25eth0]", "[1:2:3:4:5:6:7:8:9]", "[::1.2.3]",
    ])
    func malformedNumeric(_ host: String) {
        #expect(throws: FormatError.self) { try HostClassification.classify(host) }
    }
}
