import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PlannerDaemon
import PlannerKernel
import Testing

/// `http.idletimeout`: a connection that stays idle — after an answer its client never closes, or
/// with a request that stops arriving half-way — is closed by the daemon, so that such clients
/// cannot hold connections (and their memory) for ever.
@Suite("Idle connections")
struct IdleTimeoutEndToEndTests {
    /// A `plannerd serve` process whose connections time out after one idle second.
    static func daemon(in directory: TemporaryDirectory) async throws -> ServingDaemon {
        let config = try directory.write("plannerd.yaml", """
            http: { port: 0, idletimeout: 1s }
            services:
              - { name: docker-uws, tasktypes: [ "uri://docker-container" ], servicetype: uri://docker-uws, endpoint: http://example.org/uws }
            """)
        return try await ServingDaemon(["--config", config], in: directory)
    }

    @Test("after an answer, a connection the client keeps open is closed within the idle timeout", arguments: [
        "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n",
        "GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n",
        "POST /plan HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{",
    ])
    func closedAfterAnswer(request: String) async throws {
        let directory = try TemporaryDirectory()
        let daemon = try await Self.daemon(in: directory)
        defer { _ = daemon }
        let connection = try RawConnection(port: daemon.port, timeoutSeconds: 8)
        defer { connection.close() }
        try connection.send(request)
        let started = Date()
        let received = try connection.readUntilClosed()
        #expect(received.hasPrefix("HTTP/1.1 "), "\(received.prefix(200))")
        #expect(Date().timeIntervalSince(started) < 6, "the daemon closed the connection")
    }

    @Test("a request that stops arriving half-way is dropped within the idle timeout")
    func slowRequest() async throws {
        let directory = try TemporaryDirectory()
        let daemon = try await Self.daemon(in: directory)
        defer { _ = daemon }
        let connection = try RawConnection(port: daemon.port, timeoutSeconds: 8)
        defer { connection.close() }
        try connection.send("GET /health HTTP/1.1\r\nHo")
        let started = Date()
        #expect(try connection.readUntilClosed().isEmpty, "nothing is answered to half a request")
        #expect(Date().timeIntervalSince(started) < 6)
    }
}

/// A blocking TCP connection with a receive timeout, for tests that need to see
/// exactly what the daemon does with a connection.
final class RawConnection {
    let descriptor: Int32

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to `localhost`, where the `.live` test framework binds (IPv6 or IPv4, whichever
    /// the name resolves to first and accepts).
    init(port: Int, timeoutSeconds: Int) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo("localhost", String(port), &hints, &list) == 0, let first = list else {
            throw Failure(description: "getaddrinfo(localhost) failed")
        }
        defer { freeaddrinfo(list) }
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            let descriptor = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if descriptor >= 0 {
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                    self.descriptor = descriptor
                    return
                }
                Glibc.close(descriptor)
            }
            candidate = info.pointee.ai_next
        }
        throw Failure(description: "cannot connect to localhost:\(port): \(String(cString: strerror(errno)))")
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        guard sent == bytes.count else { throw Failure(description: "send(): \(String(cString: strerror(errno)))") }
    }

    /// Everything received until the daemon closes the connection (or resets it); throws when
    /// the receive timeout passes first.
    func readUntilClosed() throws -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += buffer[0..<count]
            } else if count == 0 || errno == ECONNRESET {
                return String(decoding: received, as: UTF8.self)
            } else {
                throw Failure(description: "the connection was still open when the receive timeout passed (\(String(cString: strerror(errno)))), after \(received.count) bytes: \(String(decoding: received.prefix(300), as: UTF8.self))")
            }
        }
    }

    func close() { Glibc.close(descriptor) }
}
