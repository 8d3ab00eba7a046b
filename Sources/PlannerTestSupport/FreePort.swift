import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Picks TCP ports on 127.0.0.1 that are free right now.
enum FreePort {
    /// A port the kernel reports free: binds a socket to port 0 on 127.0.0.1, reads the port back and closes it.
    /// Another process may take it before the server does; the caller retries with another port when that happens.
    static func pick() throws -> Int {
        #if canImport(Darwin)
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard descriptor >= 0 else { throw failure("socket()") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        #if canImport(Darwin)
        address.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else { throw failure("bind(127.0.0.1:0)") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw failure("getsockname()") }
        let port = Int(UInt16(bigEndian: address.sin_port))
        guard port > 0 else { throw failure("getsockname() gave port 0") }
        return port
    }

    /// The error for a failed socket call, with `errno` explained.
    private static func failure(_ call: String) -> PostgresTestServerError {
        let reason = String(cString: strerror(errno))
        return PostgresTestServerError(
            code: .noFreePort, description: "cannot find a free TCP port on 127.0.0.1: \(call) failed: \(reason)")
    }
}
