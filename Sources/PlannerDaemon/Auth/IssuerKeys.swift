import Foundation
import PlannerKernel

/// The public keys of one issuer, read from its JWKS file (RFC 7517 §5), each with the signature
/// algorithms it may verify.
///
/// Reading is strict about what is used and lenient about what is not: encryption keys (`use:
/// enc`, `RSA-OAEP`, …), which identity providers publish beside their signing keys, are skipped
/// and noted; a private or symmetric key, a malformed key, two keys with one `kid`, or a file with
/// no signing key at all is an error naming the key.
public struct IssuerKeys: Sendable {
    /// The signing keys by `kid` (`""` for the file's only key when it has no `kid`).
    var keys: [String: VerificationKey]
    /// Keys that were skipped, and why (for the start-up log).
    public var skipped: [String]

    /// The key ids, sorted.
    public var keyIDs: [String] { keys.keys.sorted() }

    /// The key a token's `kid` names; a token without `kid` may use only the key of an issuer
    /// whose file has a single signing key without a `kid`.
    func key(for kid: String?) -> VerificationKey? {
        keys[kid ?? ""]
    }

    /// Reads the JWKS file at `path`.
    public static func read(file path: String) throws(KeySetError) -> IssuerKeys {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeySetError(["the JWKS file \(path) cannot be read (missing, or not readable)"])
        }
        return try parse([UInt8](data))
    }

    /// Reads a JWKS document.
    public static func parse(_ bytes: [UInt8]) throws(KeySetError) -> IssuerKeys {
        let document: JSONValue
        do { document = try StrictJSONParser(maximumDepth: 16).parse(bytes) } catch {
            throw KeySetError(["not valid JSON: " + error.problems.map(\.message).joined(separator: "; ")])
        }
        guard case .array(let members)? = document.objectValue?["keys"] else {
            throw KeySetError(["a JWKS is a JSON object with a \"keys\" array"])
        }
        var problems: [String] = []
        var skipped: [String] = []
        var found: [(kid: String?, key: VerificationKey, name: String)] = []
        for (index, member) in members.enumerated() {
            let name = "keys[\(index)]"
            guard case .object(let object) = member else {
                problems.append("\(name): a key is a JSON object")
                continue
            }
            switch KeyReading.read(object, name: name) {
            case .signing(let key): found.append((object["kid"]?.stringValue, key, name))
            case .skipped(let why): skipped.append("\(name)\(object["kid"]?.stringValue.map { " (kid \($0))" } ?? ""): \(why)")
            case .refused(let why): problems.append(contentsOf: why)
            }
        }
        var keys: [String: VerificationKey] = [:]
        for (kid, key, name) in found {
            if let kid {
                if keys[kid] != nil { problems.append("\(name): the kid \"\(kid)\" is used by an earlier key too") }
                keys[kid] = key
            } else if found.count > 1 {
                problems.append("\(name): with several signing keys, each needs a kid (tokens choose their key by kid)")
            } else {
                keys[""] = key
            }
        }
        if found.isEmpty && problems.isEmpty { problems.append("the JWKS has no key that verifies signatures") }
        guard problems.isEmpty else { throw KeySetError(problems) }
        return IssuerKeys(keys: keys, skipped: skipped)
    }
}
