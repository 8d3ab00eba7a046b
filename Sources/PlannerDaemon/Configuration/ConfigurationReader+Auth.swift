import PlannerKernel

extension ConfigurationReader {
    /// Reads `auth`: `anonymous` and the `issuers`, each issuer's JWKS file read and checked here,
    /// so that a missing or unusable key file stops the daemon at start with the key's path.
    static func readAuth(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> AuthSettings {
        var settings = AuthSettings()
        guard let fields = FieldReader(value, at: path, allowedKeys: ["anonymous", "issuers"], report: &report) else { return settings }
        if let anonymous = fields.bool("anonymous", report: &report) { settings.anonymous = anonymous }
        guard let items = fields.array("issuers", maxCount: 100, report: &report) else { return settings }
        var seen: Set<String> = []
        for (offset, item) in items.enumerated() {
            let itemPath = fields.pointer("issuers").appending(index: offset)
            guard let issuer = readIssuer(item, at: itemPath, report: &report) else { continue }
            guard seen.insert(issuer.issuer).inserted else {
                report.problem(itemPath.appending("issuer"), .conflictingFields, "the issuer \"\(issuer.issuer)\" is listed twice",
                    hint: "list each issuer once; put all its keys in its JWKS file")
                continue
            }
            settings.issuers.append(issuer)
        }
        return settings
    }

    static func readIssuer(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> IssuerSettings? {
        guard let fields = FieldReader(value, at: path, allowedKeys: ["issuer", "audience", "jwks", "groups"], report: &report) else { return nil }
        let issuer = fields.string("issuer", required: true, maxLength: 2048, report: &report)
        if let issuer, issuer.contains(where: { $0.isWhitespace || $0.isNewline }) {
            report.problem(fields.pointer("issuer"), .invalidFormat, "an issuer is compared exactly with tokens' iss and has no spaces",
                hint: "copy the issuer from the identity provider's .well-known/openid-configuration")
        }
        let audience = fields.string("audience", required: true, maxLength: 2048, report: &report)
        let groups = fields.string("groups", maxLength: 256, report: &report) ?? "groups"
        var keys: IssuerKeys?
        if let jwks = fields.string("jwks", required: true, maxLength: 4096, report: &report) {
            do throws(KeySetError) {
                keys = try IssuerKeys.read(file: jwks)
            } catch {
                for problem in error.problems {
                    report.problem(fields.pointer("jwks"), .invalidFormat, "\(jwks): \(problem)",
                        hint: "give the path of a JSON Web Key Set with the issuer's public signing keys")
                }
            }
        }
        guard let issuer, let audience, let jwks = fields.object["jwks"]?.stringValue, let keys else { return nil }
        return IssuerSettings(issuer: issuer, audience: audience, jwks: jwks, groupsClaim: groups, keys: keys)
    }

    /// Reads a service's `allow`: `subjects` and `groups`, lists of names, and optionally
    /// `issuers`, the issuers whose tokens may name them (absent: any trusted issuer).
    static func readAllow(_ value: JSONValue, at path: JSONPointer, report: inout ValidationReport) -> ServiceAccess {
        let before = report.problems.count
        guard let fields = FieldReader(value, at: path, allowedKeys: ["subjects", "groups", "issuers"], what: "a mapping of subjects, groups and issuers", report: &report) else {
            return .only(subjects: [], groups: [])
        }
        var names: [String: Set<String>] = [:]
        for key in ["subjects", "groups", "issuers"] {
            guard let items = fields.array(key, maxCount: 10_000, report: &report) else { continue }
            for (offset, item) in items.enumerated() {
                if let name = FieldReader.string(item, at: fields.pointer(key).appending(index: offset), maxLength: 2048, report: &report) {
                    names[key, default: []].insert(name)
                }
            }
        }
        let access = ServiceAccess.only(subjects: names["subjects"] ?? [], groups: names["groups"] ?? [], issuers: names["issuers"] ?? [])
        if (names["subjects"] ?? []).isEmpty, (names["groups"] ?? []).isEmpty, report.problems.count == before {
            report.problem(path, .missingField, "allow admits nobody; list subjects or groups, or remove allow to admit everyone")
        }
        return access
    }

    /// Cross-checks `auth` against the services: a closed daemon, or a service with `allow`, needs
    /// an issuer, or no caller could ever be served.
    /// `declaresIssuers` says whether the file lists issuers at all: one whose JWKS file did not
    /// read has its own problem, and does not make this check complain too.
    static func checkAccess(_ configuration: PlannerConfiguration, declaresIssuers: Bool, serviceIndices: [Int], report: inout ValidationReport) {
        let trusted = Set(configuration.auth.issuers.map(\.issuer))
        // An issuer whose JWKS file did not read has a problem of its own already.
        for (service, index) in zip(configuration.services, serviceIndices) where !declaresIssuers || !trusted.isEmpty {
            guard case .only(_, _, let issuers) = service.allow else { continue }
            for issuer in issuers.sorted() where !trusted.contains(issuer) {
                report.problem(JSONPointer(tokens: ["services", String(index), "allow", "issuers"]), .invalidFormat,
                    "\(issuer) is not one of auth.issuers, so its tokens are never accepted", hint: "list issuers exactly as in auth.issuers")
            }
        }
        guard configuration.auth.issuers.isEmpty, !declaresIssuers else { return }
        let hint = "add auth.issuers with your identity provider's issuer, audience and JWKS file"
        if !configuration.auth.anonymous {
            report.problem(JSONPointer(tokens: ["auth", "anonymous"]), .conflictingFields,
                "anonymous: false needs at least one entry in auth.issuers, or no caller could be served", hint: hint)
        }
        for (service, index) in zip(configuration.services, serviceIndices) where service.allow != .everyone {
            report.problem(JSONPointer(tokens: ["services", String(index), "allow"]), .conflictingFields,
                "allow admits authenticated callers only, but auth.issuers is empty, so nobody could use \(service.name)", hint: hint)
        }
    }
}
