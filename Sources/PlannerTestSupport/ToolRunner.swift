import Foundation

/// What one run of a command-line program produced.
struct ToolOutput: Sendable {
    /// The program and its arguments, as run.
    var command: [String]
    /// The exit status, or the signal number when ``signalled``.
    var status: Int32
    /// Whether the program was killed by a signal.
    var signalled: Bool
    /// Standard output and standard error, interleaved.
    var output: String

    /// Whether the program exited with status 0.
    var succeeded: Bool { !signalled && status == 0 }

    /// The command line, how it ended, and its output, for error messages.
    var transcript: String {
        let ending = signalled ? "killed by signal \(status)" : "exit status \(status)"
        let text = output.trimmingCharacters(in: .whitespacesAndNewlines)
        return "$ \(command.joined(separator: " "))  (\(ending))\n\(text.isEmpty ? "(no output)" : text)"
    }
}

/// Runs command-line programs to completion, capturing their output.
///
/// Output goes to a temporary file rather than a pipe, so nothing waits for end-of-file.
enum ToolRunner {
    /// Runs `command` (an absolute program path and its arguments) in `directory` and waits for it to end.
    /// Not for programs that leave a daemon behind (`pg_ctl start`): Foundation would wait for the daemon too.
    static func run(_ command: [String], in directory: URL? = nil) throws -> ToolOutput {
        guard let program = command.first else {
            throw PostgresTestServerError(code: .launchFailed, description: "no program to run")
        }
        let files = FileManager.default
        let capture = files.temporaryDirectory.appendingPathComponent("plannerd-pg-\(UUID().uuidString).out")
        guard files.createFile(atPath: capture.path, contents: nil) else {
            throw PostgresTestServerError(
                code: .launchFailed, description: "cannot create \(capture.path) to capture the output of \(program)")
        }
        defer { try? files.removeItem(at: capture) }
        let handle: FileHandle
        do {
            handle = try FileHandle(forWritingTo: capture)
        } catch {
            throw PostgresTestServerError(
                code: .launchFailed, description: "cannot open \(capture.path) to capture the output of \(program): \(error)")
        }
        defer { try? handle.close() }
        let process = try launch(command, output: handle, in: directory)
        process.waitUntilExit()
        let data = (try? Data(contentsOf: capture)) ?? Data()
        return ToolOutput(
            command: command,
            status: process.terminationStatus,
            signalled: process.terminationReason == .uncaughtSignal,
            output: String(decoding: data, as: UTF8.self))
    }

    /// Starts `command` in the background, reading `input` and writing its output to `output` (the null device
    /// when `nil`), and returns the running process. Only for programs that stay in the foreground: a program that leaves a
    /// daemon behind never counts as ended, because the daemon inherits the descriptor Foundation watches.
    static func launch(
        _ command: [String], input: Pipe? = nil, output: FileHandle? = nil, in directory: URL? = nil
    ) throws -> Process {
        guard let program = command.first else {
            throw PostgresTestServerError(code: .launchFailed, description: "no program to run")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = Array(command.dropFirst())
        process.standardInput = input ?? FileHandle.nullDevice
        process.standardOutput = output ?? FileHandle.nullDevice
        process.standardError = output ?? FileHandle.nullDevice
        if let directory { process.currentDirectoryURL = directory }
        do {
            try process.run()
        } catch {
            throw PostgresTestServerError(
                code: .launchFailed, description: "cannot run \(command.joined(separator: " ")): \(error)")
        }
        return process
    }

    /// The last `count` lines of the text file at `url`, or a note saying it cannot be read.
    static func tail(of url: URL, lines count: Int = 40) -> String {
        guard let data = try? Data(contentsOf: url) else { return "(\(url.path) cannot be read)" }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let text = lines.suffix(count).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "(\(url.path) is empty)" : text
    }
}
