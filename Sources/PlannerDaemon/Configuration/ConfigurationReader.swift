public import PlannerKernel
import PlannerStorage

/// Reads a configuration document (already parsed from YAML) into a ``PlannerConfiguration``,
/// reporting every unknown key and bad value with its path. Task types and handler `settings` are
/// checked once the handlers are known: by ``ConfigurationLoader/load(file:flags:registry:)``,
/// which reports them together with the reader's problems, and by
/// ``PlannerConfiguration/makePlanner(registry:)``.
public enum ConfigurationReader {
    /// The top-level keys.
    static let topKeys: Set<String> = ["http", "planning", "storage", "auth", "services"]
    /// The keys of one service.
    static let serviceKeys: Set<String> = ["name", "tasktypes", "servicetype", "endpoint", "limits", "defaults", "capacity", "allow", "settings"]

    /// Reads `document`; `source` names it in errors. `services` is required unless
    /// `requireServices` is false (the built-in demo supplies its own).
    public static func read(_ document: JSONValue, source: String, requireServices: Bool = true) throws(ConfigurationError) -> PlannerConfiguration {
        let reading = readAll(document, source: source, requireServices: requireServices)
        guard reading.problems.isEmpty else { throw ConfigurationError(source: source, problems: reading.problems) }
        return reading.configuration
    }

    /// What ``readAll(_:source:requireServices:)`` found: the configuration as far as it could be
    /// read (services with problems are left out), where each service kept sits in the file, and
    /// every problem.
    struct Reading {
        var configuration: PlannerConfiguration
        /// For each of `configuration.services`, its index in the file's `services` list.
        var serviceIndices: [Int]
        var problems: [Problem]
    }

    /// Reads `document` without stopping at problems, so that the loader can go on to check the
    /// settings of the services that did read and report everything in one run.
    static func readAll(_ document: JSONValue, source: String, requireServices: Bool) -> Reading {
        var report = ValidationReport()
        var reading = Reading(configuration: PlannerConfiguration(services: [], source: source), serviceIndices: [], problems: [])
        guard let fields = FieldReader(document, at: .root, allowedKeys: topKeys, what: "a mapping of http, planning, storage, auth and services", report: &report) else {
            reading.problems = report.problems
            return reading
        }
        if let value = fields.value("http", report: &report) { reading.configuration.http = readHTTP(value, at: fields.pointer("http"), report: &report) }
        if let value = fields.value("planning", report: &report) { reading.configuration.planning = readPlanning(value, at: fields.pointer("planning"), report: &report) }
        if let value = fields.value("storage", report: &report), let storage = readStorage(value, at: fields.pointer("storage"), report: &report) {
            reading.configuration.storage = storage
        }
        if let value = fields.value("auth", report: &report) { reading.configuration.auth = readAuth(value, at: fields.pointer("auth"), report: &report) }
        if let items = fields.array("services", required: requireServices, maxCount: 1000, report: &report) {
            if items.isEmpty { report.problem(fields.pointer("services"), .missingField, "a configuration file must declare at least one service") }
            var names: Set<String> = []
            for (offset, item) in items.enumerated() {
                let path = fields.pointer("services").appending(index: offset)
                let service = readService(item, at: path, report: &report)
                // Checked on the name as written, so that a service with other problems still
                // has its duplicate name reported in the same run.
                if let name = item.objectValue?["name"]?.stringValue, !name.isEmpty, !names.insert(name).inserted {
                    report.problem(path.appending("name"), .conflictingFields, "the service name \"\(name)\" is used twice")
                }
                if let service {
                    reading.configuration.services.append(service)
                    reading.serviceIndices.append(offset)
                }
            }
        }
        let declaresIssuers = document.objectValue?["auth"]?.objectValue?["issuers"]?.arrayValue?.isEmpty == false
        checkAccess(reading.configuration, declaresIssuers: declaresIssuers, serviceIndices: reading.serviceIndices, report: &report)
        reading.problems = report.problems
        return reading
    }

    static func readHTTP(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> HTTPSettings {
        var settings = HTTPSettings()
        guard let fields = FieldReader(value, at: path, allowedKeys: ["host", "port", "maxbody", "idletimeout"], report: &report) else { return settings }
        if let host = fields.string("host", maxLength: 253, report: &report) { settings.host = host }
        if let port = fields.integer("port", in: 0...65535, report: &report) { settings.port = Int(port) }
        if let maxbody = quantity(fields, "maxbody", report: &report) {
            if maxbody.bytes < 1024 { report.problem(fields.pointer("maxbody"), .outOfRange, "maxbody must be at least 1Ki") } else { settings.maxbody = maxbody.bytes }
        }
        if let idletimeout = positiveDuration(fields, "idletimeout", report: &report) { settings.idletimeout = idletimeout }
        return settings
    }

    static func readPlanning(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> PlanningOptions {
        var options = PlanningOptions()
        guard let fields = FieldReader(value, at: path, allowedKeys: ["lookahead", "maxoffers", "maxhold"], report: &report) else { return options }
        if let lookahead = positiveDuration(fields, "lookahead", report: &report) { options.lookahead = lookahead }
        if let maxoffers = fields.integer("maxoffers", in: 1...100, report: &report) { options.maxoffers = Int(maxoffers) }
        if let maxhold = positiveDuration(fields, "maxhold", report: &report) { options.maxhold = maxhold }
        return options
    }

    static func readStorage(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> StorageSettings? {
        guard let fields = FieldReader(value, at: path, allowedKeys: ["sqlite", "postgres"], what: "a mapping with one key, sqlite or postgres", report: &report) else { return nil }
        let sqlite = fields.string("sqlite", maxLength: 4096, report: &report)
        let postgres = fields.string("postgres", maxLength: 4096, report: &report)
        switch (sqlite, postgres) {
        case (let path?, nil):
            guard !path.isEmpty else {
                report.problem(fields.pointer("sqlite"), .invalidFormat, "the SQLite file path is empty")
                return nil
            }
            return .sqlite(path: path)
        case (nil, let url?):
            do throws(PostgresLocation.LocationError) {
                return .postgres(try PostgresLocation(url: url))
            } catch {
                report.problem(fields.pointer("postgres"), .invalidFormat, "not a usable PostgreSQL URL: \(error.description)",
                    hint: "postgres://user[:password]@host[:port]/database[?sslmode=disable|prefer|require]")
                return nil
            }
        case (nil, nil):
            report.problem(path, .missingField, "storage needs one of sqlite (a file path) or postgres (a URL)")
            return nil
        case (.some, .some):
            report.problem(fields.pointer("postgres"), .conflictingFields, "storage takes one of sqlite or postgres, not both")
            return nil
        }
    }

    static func readService(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ServiceConfiguration? {
        let before = report.problems.count
        guard let fields = FieldReader(value, at: path, allowedKeys: serviceKeys, report: &report) else { return nil }
        let name = fields.string("name", required: true, maxLength: 63, report: &report)
        if let name, !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            report.problem(fields.pointer("name"), .invalidFormat, "the service name \"\(name)\" may only contain letters, digits, '-', '_' and '.'")
        }
        var tasktypes: [String] = []
        if let items = fields.array("tasktypes", required: true, maxCount: 100, report: &report) {
            if items.isEmpty { report.problem(fields.pointer("tasktypes"), .missingField, "a service must accept at least one task type") }
            for (offset, item) in items.enumerated() {
                let itemPath = fields.pointer("tasktypes").appending(index: offset)
                guard let uri = FieldReader.string(item, at: itemPath, maxLength: TaskTypeURI.maximumLength, report: &report) else { continue }
                if let problem = TaskTypeURI.problem(in: uri) { report.problems.append(problem.problem(at: itemPath)) } else { tasktypes.append(uri) }
            }
        }
        let servicetype = fields.string("servicetype", required: true, maxLength: TaskTypeURI.maximumLength, report: &report)
        if let servicetype, let problem = serviceTypeProblem(in: servicetype) { report.problems.append(problem.problem(at: fields.pointer("servicetype"))) }
        let endpoint = fields.string("endpoint", required: true, maxLength: WebURL.maximumLength, report: &report)
        if let endpoint {
            do { _ = try WebURL(parsing: endpoint) } catch { report.problems.append(error.problem(at: fields.pointer("endpoint"))) }
        }
        var limits = ServiceLimits()
        if let value = fields.value("limits", report: &report) { limits = readLimits(value, at: fields.pointer("limits"), report: &report) }
        var defaults = ServiceDefaults()
        if let value = fields.value("defaults", report: &report) {
            defaults = readDefaults(value, at: fields.pointer("defaults"), report: &report)
        }
        var capacity: CapacityConfiguration?
        if let value = fields.value("capacity", report: &report) { capacity = CapacityConfiguration.read(value, at: fields.pointer("capacity"), report: &report) }
        var allow = ServiceAccess.everyone
        if let value = fields.value("allow", report: &report) {
            allow = readAllow(value, at: fields.pointer("allow"), report: &report)
        } else if case .null? = fields.object["allow"] {
            // A bare `allow:` reads as null; taken as "absent" it would open the service to everyone.
            report.problem(fields.pointer("allow"), .missingField, "allow is empty; list subjects or groups, or remove allow to admit everyone")
        }
        let settings = fields.value("settings", report: &report)
        guard report.problems.count == before, let name, let servicetype, let endpoint else { return nil }
        return ServiceConfiguration(
            name: name, tasktypes: tasktypes, servicetype: servicetype, endpoint: endpoint,
            limits: limits, defaults: defaults, capacity: capacity, settings: settings, allow: allow)
    }

    static func readLimits(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ServiceLimits {
        var limits = ServiceLimits()
        guard let fields = FieldReader(value, at: path, allowedKeys: ["maxcores", "maxmemory", "maxduration"], report: &report) else { return limits }
        limits.maxcores = fields.integer("maxcores", in: 1...1_000_000, report: &report)
        limits.maxmemory = quantity(fields, "maxmemory", report: &report)
        if limits.maxmemory?.bytes == 0 { report.problem(fields.pointer("maxmemory"), .outOfRange, "maxmemory must be greater than zero") }
        limits.maxduration = positiveDuration(fields, "maxduration", report: &report)
        return limits
    }

    /// Reads `defaults`. A default above the service's limit is allowed: it is capped by the limit
    /// when planning (API.md §2.4 "each capped by the limits"; API.md §7's own example has a 1h
    /// default under a 20m limit).
    static func readDefaults(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ServiceDefaults {
        var defaults = ServiceDefaults()
        guard let fields = FieldReader(value, at: path, allowedKeys: ["cores", "memory", "duration"], report: &report) else { return defaults }
        if let cores = fields.integer("cores", in: 1...1_000_000, report: &report) { defaults.cores = cores }
        if let memory = quantity(fields, "memory", report: &report) {
            if memory.bytes == 0 { report.problem(fields.pointer("memory"), .outOfRange, "the default memory must be greater than zero") }
            defaults.memory = memory
        }
        if let duration = positiveDuration(fields, "duration", report: &report) { defaults.duration = duration }
        return defaults
    }

    /// Why `text` is not a usable service type (an absolute URI, like a task type), worded for a
    /// service type rather than a task type.
    static func serviceTypeProblem(in text: String) -> FormatError? {
        guard var problem = TaskTypeURI.problem(in: text) else { return nil }
        problem.message = problem.message.replacing("the task type", with: "the service type")
        if problem.hint?.contains("uri://docker-container") == true {
            problem.hint = "write for example uri://docker-uws"
        } else if problem.hint?.hasPrefix("task types are compared exactly") == true {
            problem.hint = "remove spaces and stray characters"
        }
        return problem
    }

    static func quantity(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> MemoryQuantity? {
        guard let value = fields.value(key, report: &report) else { return nil }
        if case .integer(let bytes) = value, bytes >= 0 { return MemoryQuantity(bytes: bytes, family: .decimal) }
        // YAML reads an unquoted `8e9` (valid quantity grammar) as a number: take it when it is
        // a whole number of bytes.
        if case .real(let number) = value, number >= 0, number < 9.2e18, number.rounded() == number {
            return MemoryQuantity(bytes: Int64(number), family: .decimal)
        }
        switch value {
        case .integer, .real:
            report.problem(fields.pointer(key), .invalidFormat, "\(key) must be a whole, non-negative number of bytes, or a quantity such as 8Gi or 8G",
                hint: "write for example 8Gi or 8G")
            return nil
        default:
            break
        }
        guard let text = FieldReader.string(value, at: fields.pointer(key), maxLength: 64, report: &report) else { return nil }
        do { return try MemoryQuantity(parsing: text) } catch {
            report.problems.append(error.problem(at: fields.pointer(key)))
            return nil
        }
    }

    static func positiveDuration(_ fields: FieldReader, _ key: String, report: inout ValidationReport) -> TaskDuration? {
        guard let text = fields.string(key, maxLength: 64, report: &report) else { return nil }
        do {
            let duration = try TaskDuration(parsing: text)
            guard duration.seconds > 0 else {
                report.problem(fields.pointer(key), .outOfRange, "\(key) must be longer than zero")
                return nil
            }
            return duration
        } catch {
            report.problems.append(error.problem(at: fields.pointer(key)))
            return nil
        }
    }
}
