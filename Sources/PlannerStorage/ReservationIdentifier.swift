/// Offer, offer-set and booking ids: 128 bits from the system's secure random source, written as
/// 32 lowercase hex digits. For an anonymous client the id is the only credential, so it must not
/// be guessable.
enum ReservationIdentifier {
    /// The length of an id.
    static let length = 32

    /// A new id.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64
        let low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    /// Whether `text` could be an id (checked before any database look-up).
    static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
