/// Why an operation on a held offer or a booking was refused.
public struct ReservationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code; new codes may be added.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The kebab-case code.
        public var rawValue: String
        /// A code.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code as written.
        public var description: String { rawValue }

        /// No such offer or booking for this caller (`404`).
        public static let notFound = Code(rawValue: "not-found")
        /// The offer is no longer `OFFERED` (`409`).
        public static let notOffered = Code(rawValue: "offer-not-offered")
        /// The booking is already cancelled (`409`).
        public static let notBooked = Code(rawValue: "booking-cancelled")
        /// Accepting would put more on the service than its pool holds (`409`).
        public static let capacityVanished = Code(rawValue: "capacity-vanished")
        /// The database answered something this version cannot read (`503`).
        public static let storageInconsistent = Code(rawValue: "storage-inconsistent")
    }

    /// What went wrong.
    public var code: Code
    /// One sentence for the client.
    public var message: String
    /// The state the offer or booking is in, for `409`s.
    public var state: String?

    /// An error.
    public init(_ code: Code, _ message: String, state: String? = nil) {
        self.code = code
        self.message = message
        self.state = state
    }

    /// The code and the message.
    public var description: String { "\(code): \(message)" }
}
