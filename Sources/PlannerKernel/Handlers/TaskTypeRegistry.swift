/// The task types a planner knows, built once at start-up from an explicit list of handlers.
///
/// Lookups compare the client's string exactly with each canonical URI and alias (no case
/// folding, no trimming). A URI claimed by two handlers is an error naming both.
public struct TaskTypeRegistry: Sendable {
    /// The handlers in registration order.
    public let handlers: [AnyTaskTypeHandler]
    private let byURI: [String: Int]

    /// A registry of `handlers`.
    /// - Throws: ``RegistryError`` when two handlers (or one handler twice) claim the same URI.
    public init(_ handlers: [any TaskTypeHandler]) throws(RegistryError) {
        try self.init(erased: handlers.map { AnyTaskTypeHandler($0) })
    }

    /// A registry of already erased handlers.
    public init(erased handlers: [AnyTaskTypeHandler]) throws(RegistryError) {
        var byURI: [String: Int] = [:]
        for (index, handler) in handlers.enumerated() {
            for uri in handler.allURIs {
                if let existing = byURI[uri] {
                    throw RegistryError(uri: uri, firstHandler: handlers[existing].name, secondHandler: handler.name)
                }
                byURI[uri] = index
            }
        }
        self.handlers = handlers
        self.byURI = byURI
    }

    /// The handler for `tasktype`, matched exactly against canonical URIs and aliases.
    public func handler(for tasktype: String) -> AnyTaskTypeHandler? {
        byURI[tasktype].map { handlers[$0] }
    }

    /// The canonical URIs, in registration order.
    public var canonicalURIs: [String] { handlers.map(\.canonicalURI) }
}

/// Two handlers claim one task-type URI.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URI claimed twice.
    public var uri: String
    /// The handler registered first.
    public var firstHandler: String
    /// The handler that claimed it again.
    public var secondHandler: String

    /// An error for `uri`, claimed first by `firstHandler` and again by `secondHandler`.
    public init(uri: String, firstHandler: String, secondHandler: String) {
        self.uri = uri
        self.firstHandler = firstHandler
        self.secondHandler = secondHandler
    }

    /// The error's code, for logs and exit messages.
    public var code: ProblemCode { "duplicate-tasktype" }

    /// A sentence naming both handlers.
    public var description: String {
        firstHandler == secondHandler
            ? "the task type \(uri) is claimed twice by the \(firstHandler) handler"
            : "the task type \(uri) is claimed by both the \(firstHandler) and the \(secondHandler) handlers"
    }
}
