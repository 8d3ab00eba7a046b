public import PlannerKernel

/// A container platform, `os/architecture[/variant]` as Docker's `--platform` writes it
/// (`linux/amd64`, `linux/arm64/v8`), with the OCI/Go names for the operating system and the
/// architecture, in lower case.
public struct ContainerPlatform: Sendable, Hashable, CustomStringConvertible {
    /// The operating system (Go's `GOOS`), such as `linux`.
    public let os: String
    /// The architecture (Go's `GOARCH`), such as `amd64`.
    public let architecture: String
    /// The variant, such as `v8`, when one is written.
    public let variant: String?

    /// The platform assumed when a task names none (the ExecutionBroker defaults).
    public static let defaultPlatform = ContainerPlatform(os: "linux", architecture: "amd64", variant: nil)

    /// The operating systems known to the OCI image spec (Go's `GOOS` values).
    static let knownOperatingSystems: Set<String> = [
        "aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd",
        "openbsd", "plan9", "solaris", "wasip1", "windows",
    ]
    /// The architectures known to the OCI image spec (Go's `GOARCH` values).
    static let knownArchitectures: Set<String> = [
        "386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64",
        "ppc64le", "riscv64", "s390x", "wasm",
    ]
    /// Other tools' names for architectures, with the OCI name to write instead.
    static let architectureSpellings: [String: String] = [
        "x86_64": "amd64", "x86-64": "amd64", "x64": "amd64", "aarch64": "arm64", "armv8": "arm64",
        "armhf": "arm/v7", "armv7": "arm/v7", "armv7l": "arm/v7", "armv6": "arm/v6", "armel": "arm/v6",
        "i386": "386", "i686": "386", "x86": "386", "ppc64el": "ppc64le",
    ]
    /// The longest variant accepted.
    static let maximumVariantLength = 16

    /// `os/architecture[/variant]`.
    public var description: String {
        "\(os)/\(architecture)" + (variant.map { "/\($0)" } ?? "")
    }

    /// A platform from its parts (not checked).
    public init(os: String, architecture: String, variant: String?) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `os/architecture[/variant]`, or throws what is wrong with it.
    public init(parsing text: String) throws(FormatError) {
        let shown = ASCII.shown(text, limit: 40)
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), !parts.contains(where: \.isEmpty) else {
            throw FormatError(message: "the platform \"\(shown)\" is not of the form os/architecture or os/architecture/variant",
                hint: parts.count == 1 && Self.knownArchitectures.contains(parts[0]) ? "write linux/\(parts[0])" : "write for example linux/amd64 or linux/arm64/v8")
        }
        if text.utf8.contains(where: ASCII.isUpper) {
            throw FormatError(message: "the platform \"\(shown)\" has upper-case letters; platforms are written in lower case",
                hint: "write \(text.lowercased())")
        }
        let (os, architecture) = (parts[0], parts[1])
        guard Self.knownOperatingSystems.contains(os) else {
            throw FormatError(message: "the platform \"\(shown)\" names the unknown operating system \"\(ASCII.shown(os, limit: 20))\"",
                hint: os == "macos" || os == "osx" ? "the OCI name is darwin" : "the usual one is linux")
        }
        guard Self.knownArchitectures.contains(architecture) else {
            let fix = Self.architectureSpellings[architecture]
            throw FormatError(message: "the platform \"\(shown)\" names the unknown architecture \"\(ASCII.shown(architecture, limit: 20))\"",
                hint: fix.map { "the OCI name is \($0): write \(os)/\($0)" } ?? "write for example amd64 or arm64")
        }
        var variant: String?
        if parts.count == 3 {
            let written = parts[2]
            guard written.utf8.count <= Self.maximumVariantLength,
                written.utf8.allSatisfy({ ASCII.isLowerOrDigit($0) || $0 == ASCII.dot })
            else {
                throw FormatError(message: "the platform variant \"\(ASCII.shown(written, limit: 20))\" is not a short word of a–z, 0–9 and '.' (such as v7 or v8)")
            }
            variant = written
        }
        self.init(os: os, architecture: architecture, variant: variant)
    }

    /// Whether a service offering `self` can run a task asking for `other`: the same operating
    /// system and architecture, and the same variant when both name one.
    public func accepts(_ other: ContainerPlatform) -> Bool {
        guard os == other.os, architecture == other.architecture else { return false }
        guard let variant, let otherVariant = other.variant else { return true }
        return variant == otherVariant
    }
}
