import Foundation
import PlannerKernel
import Testing

/// Finds and runs the built `plannerd` executable (it sits next to the test bundle).
enum Plannerd {
    struct NotFound: Error, CustomStringConvertible {
        var searched: [String]
        var description: String {
            "the plannerd executable was not found next to the test bundle (searched \(searched.joined(separator: ", "))); "
                + "build it first: `swift build --build-tests` (or `swift build --product plannerd`), then `swift test --skip-build`"
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        var what: String
        var output: String
        var description: String { "\(what); its standard error so far:\n\(output.suffix(2000))" }
    }

    /// The `plannerd` executable of this build.
    static func executable() throws -> URL {
        var directories: [URL] = []
        if let first = CommandLine.arguments.first {
            directories.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        directories.append(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var searched: [String] = []
        for start in directories {
            var directory = start
            // On macOS the test binary is inside plannerdPackageTests.xctest/Contents/MacOS.
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("plannerd")
                searched.append(directory.path)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate.path)
                {
                    return candidate
                }
                directory.deleteLastPathComponent()
            }
        }
        var seen: Set<String> = []
        throw NotFound(searched: searched.filter { seen.insert($0).inserted })
    }

    /// The process environment without `PLANNERD_*` overrides, so a developer's shell cannot change the tests.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PLANNERD_") }
    }

    /// What a finished command did.
    struct Result {
        var status: Int32
        var exitedNormally: Bool
        var stdout: String
        var stderr: String
        /// Standard output parsed strictly as JSON.
        var json: JSONValue? { try? StrictJSONParser().parse(Array(stdout.utf8)) }
    }

    /// Runs `plannerd arguments…` to completion (at most `timeout`), standard input from `stdin`.
    static func run(_ arguments: [String], in directory: TemporaryDirectory, stdin: Data? = nil, timeout: Duration = .seconds(60)) async throws -> Result {
        let name = UUID().uuidString
        let outURL = directory.file("\(name).out"), errURL = directory.file("\(name).err"), inURL = directory.file("\(name).in")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: inURL.path, contents: stdin ?? Data())
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.environment = cleanEnvironment
        process.currentDirectoryURL = directory.url
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = try FileHandle(forReadingFrom: inURL)
        try process.run()
        let exited = try await waitForExit(process, timeout: timeout)
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        guard exited else {
            throw TimedOut(what: "plannerd \(arguments.joined(separator: " ")) did not finish within \(timeout)", output: stderr)
        }
        return Result(
            status: process.terminationStatus, exitedNormally: process.terminationReason == .exit,
            stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "", stderr: stderr)
    }

    /// Waits until `process` ends, at most `timeout`; kills it and returns `false` when it does not.
    static func waitForExit(_ process: Process, timeout: Duration) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                process.terminate()
                try await Task.sleep(for: .milliseconds(500))
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
                return false
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        return true
    }
}

/// A `plannerd serve` process started by a test; stopped by `stop()` (SIGTERM) or, failing that, killed.
final class ServingDaemon {
    let process = Process()
    let errURL: URL
    private(set) var port = 0

    /// Starts `plannerd serve arguments…` and waits (at most `timeout`) until it logs the port it bound.
    init(_ arguments: [String], in directory: TemporaryDirectory, timeout: Duration = .seconds(60)) async throws {
        errURL = directory.file("serve-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = try Plannerd.executable()
        process.arguments = ["serve"] + arguments
        process.environment = Plannerd.cleanEnvironment
        process.currentDirectoryURL = directory.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, process.isRunning {
            if let port = Self.boundPort(in: stderr) {
                self.port = port
                return
            }
            try await Task.sleep(for: .milliseconds(25))
        }
        let running = process.isRunning
        if running { _ = try await Plannerd.waitForExit(process, timeout: .zero) }
        throw Plannerd.TimedOut(
            what: running ? "plannerd serve did not log a bound port within \(timeout)" : "plannerd serve exited with \(process.terminationStatus) before binding",
            output: stderr)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// Everything the daemon wrote to standard error so far.
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    /// The port from Hummingbird's "Server started and listening on HOST:PORT" log line.
    static func boundPort(in log: String) -> Int? {
        guard let range = log.range(of: "listening on ") else { return nil }
        let line = log[range.upperBound...].prefix { $0 != "\n" }
        guard line.count < log[range.upperBound...].count, let colon = line.lastIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    /// Sends SIGTERM and waits (at most `timeout`) for the process to end; `nil` when it did not.
    func stop(timeout: Duration = .seconds(10)) async throws -> (status: Int32, exitedNormally: Bool)? {
        process.terminate()
        guard try await Plannerd.waitForExit(process, timeout: timeout) else { return nil }
        return (process.terminationStatus, process.terminationReason == .exit)
    }
}

/// A directory under the system's temporary directory, removed when the value goes away.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("plannerd-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// A path inside the directory.
    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = file(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
