import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The PostgreSQL programs on this machine, and the account the server must run under.
struct PostgresInstallation: Sendable {
    /// The folder holding `initdb`, `pg_ctl`, `postgres` and `createdb`.
    let binDirectory: URL
    /// Put before a server-side command (`initdb`, `pg_ctl`) to run it as the `postgres` user; empty when not root.
    let serverUserPrefix: [String]
    /// The uid and gid of the `postgres` user, when this process is root and must hand it the cluster's folder.
    let serverOwner: (uid: UInt32, gid: UInt32)?

    /// The programs the launcher needs, all in one folder.
    static let requiredPrograms = ["initdb", "pg_ctl", "postgres", "createdb"]

    /// The full path of the program `name` in ``binDirectory``.
    func program(_ name: String) -> String { binDirectory.appendingPathComponent(name).path }

    /// Finds the programs and the server account, or explains what to install.
    static func locate() throws -> PostgresInstallation {
        let candidates = candidateDirectories()
        let files = FileManager.default
        guard let found = candidates.first(where: { folder in
            requiredPrograms.allSatisfy { files.isExecutableFile(atPath: folder.appendingPathComponent($0).path) }
        }) else {
            let searched = candidates.isEmpty ? "(no candidate folders exist)" : candidates.map(\.path).joined(separator: ", ")
            throw PostgresTestServerError(code: .programsNotFound, description: """
                PostgreSQL server programs not found: the tests need \(requiredPrograms.joined(separator: ", ")) in one \
                folder, looked for on PATH and in /usr/lib/postgresql/*/bin (newest version first). Searched: \(searched). \
                Install them: on Debian/Ubuntu `apt-get install -y postgresql-15` (or `postgresql`), \
                on macOS `brew install postgresql@15`; or put their folder on PATH.
                """)
        }
        guard geteuid() == 0 else {
            return PostgresInstallation(binDirectory: found, serverUserPrefix: [], serverOwner: nil)
        }
        guard let owner = userIDs(of: "postgres") else {
            throw PostgresTestServerError(code: .serverUserUnavailable, description: """
                running as root, and PostgreSQL refuses to run as root, but there is no `postgres` system user to run it \
                as. Create one (`useradd --system --user-group --home-dir /var/lib/postgresql postgres`; installing the \
                `postgresql-15` package also does) or run the tests as an ordinary user.
                """)
        }
        let switchers: [(path: String, prefix: [String])] = [
            ("/usr/sbin/runuser", ["-u", "postgres", "--"]),
            ("/sbin/runuser", ["-u", "postgres", "--"]),
            ("/usr/bin/runuser", ["-u", "postgres", "--"]),
            ("/usr/bin/setpriv", ["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--init-groups", "--"]),
            ("/bin/setpriv", ["--reuid=\(owner.uid)", "--regid=\(owner.gid)", "--init-groups", "--"]),
        ]
        guard let switcher = switchers.first(where: { files.isExecutableFile(atPath: $0.path) }) else {
            throw PostgresTestServerError(code: .serverUserUnavailable, description: """
                running as root, and PostgreSQL refuses to run as root, but neither runuser nor setpriv is installed to \
                run it as the `postgres` user. Install util-linux (`apt-get install -y util-linux`) or run the tests as an \
                ordinary user.
                """)
        }
        return PostgresInstallation(binDirectory: found, serverUserPrefix: [switcher.path] + switcher.prefix, serverOwner: owner)
    }

    /// Folders that may hold the programs, in order of preference: those of `initdb` on PATH (symlinks
    /// resolved), then the versioned installation folders, newest version first.
    static func candidateDirectories() -> [URL] {
        let files = FileManager.default
        var folders: [URL] = []
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for entry in path.split(separator: ":") where !entry.isEmpty {
            let initdb = URL(fileURLWithPath: String(entry)).appendingPathComponent("initdb")
            if files.isExecutableFile(atPath: initdb.path) {
                folders.append(initdb.resolvingSymlinksInPath().deletingLastPathComponent())
            }
        }
        folders += versionedFolders(in: "/usr/lib/postgresql", prefix: "", suffix: "bin")  // Debian, Ubuntu
        folders += versionedFolders(in: "/usr", prefix: "pgsql-", suffix: "bin")  // RHEL, Fedora (PGDG)
        folders += versionedFolders(in: "/opt/homebrew/opt", prefix: "postgresql@", suffix: "bin")  // Homebrew
        folders += versionedFolders(in: "/usr/local/opt", prefix: "postgresql@", suffix: "bin")
        var seen = Set<String>()
        return folders.filter { seen.insert($0.standardizedFileURL.path).inserted }
    }

    /// `parent/<prefix><version>/<suffix>` for every version folder in `parent`, newest version first.
    static func versionedFolders(in parent: String, prefix: String, suffix: String) -> [URL] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return [] }
        let versions: [(name: String, number: [Int])] = names.compactMap { name in
            guard name.hasPrefix(prefix) else { return nil }
            let parts = name.dropFirst(prefix.count).split(separator: ".")
            let numbers = parts.compactMap { Int($0) }
            guard !parts.isEmpty, numbers.count == parts.count else { return nil }
            return (name, numbers)
        }
        return versions
            .sorted { $0.number.lexicographicallyPrecedes($1.number) }
            .reversed()
            .map { URL(fileURLWithPath: parent).appendingPathComponent($0.name).appendingPathComponent(suffix) }
    }

    /// The uid and gid of the system user `name`, or `nil` when there is none.
    static func userIDs(of name: String) -> (uid: UInt32, gid: UInt32)? {
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        let size = 16_384
        var buffer = [CChar](repeating: 0, count: size)
        let status = getpwnam_r(name, &entry, &buffer, size, &result)
        guard status == 0, result != nil else { return nil }
        return (UInt32(entry.pw_uid), UInt32(entry.pw_gid))
    }
}
