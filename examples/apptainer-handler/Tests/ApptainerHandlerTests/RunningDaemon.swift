import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// This package's `apptainer-plannerd`, serving a configuration on a port the system picks.
struct RunningDaemon {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The base URL, such as `http://127.0.0.1:41569`.
    let base: URL

    /// Starts the executable (built next to the test bundle by `swift build --build-tests`) with
    /// `configuration` in a temporary directory, runs `body`, and stops it with SIGTERM.
    static func with(configuration: String, _ body: (RunningDaemon) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("apptainer-plannerd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plannerd.yaml")
        try configuration.write(to: file, atomically: true, encoding: .utf8)

        let process = Process()
        process.executableURL = try executable()
        process.arguments = ["serve", "--port", "0", "--config", file.path]
        process.currentDirectoryURL = directory
        let log = directory.appendingPathComponent("plannerd.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        let port = try await listeningPort(in: log, of: process)
        guard let base = URL(string: "http://127.0.0.1:\(port)") else { throw Failure(description: "no URL for port \(port)") }
        try await body(RunningDaemon(base: base))
    }

    /// Waits (at most 30 s) for Hummingbird's "listening on 127.0.0.1:PORT" line.
    static func listeningPort(in log: URL, of process: Process) async throws -> Int {
        for _ in 0..<300 {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:") {
                let digits = text[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits) { return port }
            }
            guard process.isRunning else { throw Failure(description: "apptainer-plannerd exited: \(text.suffix(2000))") }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure(description: "apptainer-plannerd did not start listening within 30 s")
    }

    /// The executable, next to the test bundle.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let first = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in candidates {
            var current = directory
            for _ in 0..<4 {
                let candidate = current.appendingPathComponent("apptainer-plannerd")
                if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
                current.deleteLastPathComponent()
            }
        }
        throw Failure(description: "apptainer-plannerd was not found next to the tests; run `swift build --build-tests` first")
    }

    /// `POST path` with a JSON body; the status and the decoded JSON object.
    func post(_ path: String, _ body: String) async throws -> (Int, [String: Any]) {
        var request = URLRequest(url: base.appendingPathComponent(path))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(body.utf8)
        return try await send(request)
    }

    /// `GET path`; the status and the decoded JSON object.
    func get(_ path: String) async throws -> (Int, [String: Any]) {
        try await send(URLRequest(url: base.appendingPathComponent(path)))
    }

    func send(_ request: URLRequest) async throws -> (Int, [String: Any]) {
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw Failure(description: "the answer to \(request.url?.path ?? "?") is not a JSON object: \(String(decoding: data, as: UTF8.self))")
        }
        return (status, object)
    }
}
