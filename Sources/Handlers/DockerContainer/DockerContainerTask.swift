/// A validated, normalised docker-container `taskinfo`.
public struct DockerContainerTask: Sendable, Hashable {
    /// The image, normalised, pinned to the taskinfo's `digest` when one was given.
    public var image: ImageReference
    /// The platform asked for, or ``ContainerPlatform/defaultPlatform``.
    public var platform: ContainerPlatform
    /// Whether the taskinfo named the platform (otherwise the default was assumed).
    public var platformWasGiven: Bool
    /// The command (arguments to the entrypoint), when given; a lone string is one argument.
    public var command: [String]?
    /// The entrypoint, when given; a lone string is one argument.
    public var entrypoint: [String]?
    /// The environment variables, in the order written.
    public var environment: [EnvironmentVariable]
    /// The ports the container listens on, in the order written.
    public var ports: [ContainerPort]
    /// Whether the task asks for a privileged container.
    public var privileged: Bool

    /// The digest that pins the image, when known.
    public var digest: ImageDigest? { image.digest }
}

/// One environment variable. Its value may be a secret: it is never printed.
public struct EnvironmentVariable: Sendable, Hashable, CustomStringConvertible {
    /// The name, `[A-Za-z_][A-Za-z0-9_]*`.
    public var name: String
    /// The value (at most 32 KiB).
    public var value: String

    /// A variable.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// `NAME=…`: the value is redacted.
    public var description: String { "\(name)=…" }
}

/// A port the container listens on.
public struct ContainerPort: Sendable, Hashable, CustomStringConvertible {
    /// The transport protocol of a port.
    public enum TransportProtocol: String, Sendable, Hashable, CaseIterable {
        /// TCP (also what HTTP and HTTPS run over).
        case tcp = "TCP"
        /// UDP.
        case udp = "UDP"
    }

    /// The port number, 1–65535.
    public var port: Int
    /// The protocol; TCP unless written otherwise.
    public var transport: TransportProtocol

    /// A port.
    public init(port: Int, transport: TransportProtocol = .tcp) {
        self.port = port
        self.transport = transport
    }

    /// `8080/TCP`.
    public var description: String { "\(port)/\(transport.rawValue)" }
}
