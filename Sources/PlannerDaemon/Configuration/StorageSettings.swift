public import PlannerStorage

/// The `storage` block (API.md §7): where held offers and bookings are kept.
public enum StorageSettings: Sendable, Hashable, CustomStringConvertible {
    /// An SQLite file (relative paths are resolved against the working directory): one daemon,
    /// or several processes on one machine.
    case sqlite(path: String)
    /// A PostgreSQL database shared by any number of daemons.
    case postgres(PostgresLocation)

    /// The built-in default: `plannerd.sqlite` in the working directory.
    public static let builtIn = StorageSettings.sqlite(path: "plannerd.sqlite")

    /// Where it is, without secrets.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}
