
import JWTKit
import PlannerKernel

/// Reads one member of a JWKS into a ``VerificationKey``: what kind of key it is, which
/// algorithms it verifies, and whether its parameters make a valid public key.
///
/// Keys plannerd cannot use (another key type or curve, an algorithm it does not accept, an RSA
/// key under 2048 bits) are skipped with a note, so that an identity provider's full JWKS loads;
/// a secret, a private key, a symmetric key, or a malformed key of a supported type is refused.
enum KeyReading {
    /// A key that verifies signatures, one plannerd leaves alone, or one it must refuse.
    enum Outcome {
        case signing(VerificationKey)
        case skipped(String)
        case refused([String])
    }

    /// Algorithms of encryption keys, which are skipped rather than refused.
    static let encryptionAlgorithmPrefixes = ["RSA-OAEP", "RSA1_5", "ECDH-ES", "A128", "A192", "A256", "dir"]
    /// The smallest RSA modulus accepted, in bits.
    static let minimumRSABits = 2048

    static func read(_ object: JSONObject, name: String) -> Outcome {
        let use = object["use"]?.stringValue
        let alg = object["alg"]?.stringValue
        if use == "enc" { return .skipped("an encryption key (use: enc)") }
        if let alg, encryptionAlgorithmPrefixes.contains(where: { alg.hasPrefix($0) }) { return .skipped("an encryption key (alg \(alg))") }
        if case .array(let operations)? = object["key_ops"], !operations.contains(.string("verify")) {
            return .skipped("its key_ops do not include verify")
        }
        guard let kty = object["kty"]?.stringValue else { return .refused(["\(name): kty (the key type) is missing"]) }
        if object["d"] != nil || object["k"] != nil {
            return .refused(["\(name): the JWKS holds a private or secret key; give plannerd the issuer's public keys only"])
        }
        if let kid = object["kid"], kid.stringValue == nil { return .refused(["\(name).kid: expected a string"]) }
        var declared: SigningAlgorithm?
        if let alg {
            guard let algorithm = SigningAlgorithm(rawValue: alg) else {
                if alg.lowercased() == "none" || alg.uppercased().hasPrefix("HS") {
                    return .refused(["\(name).alg: " + (SigningAlgorithm.refusal(of: alg) ?? "not accepted")])
                }
                return .skipped("the algorithm \(alg.prefix(32)) is not one plannerd verifies")
            }
            declared = algorithm
        }
        let outcome: Outcome
        switch kty {
        case "RSA": outcome = rsa(object, name: name, declared: declared)
        case "EC": outcome = ellipticCurve(object, name: name, declared: declared)
        case "OKP": outcome = edwards(object, name: name, declared: declared)
        case "oct": outcome = .refused(["\(name): a symmetric (oct) key; tokens signed with a shared secret are not accepted"])
        default: outcome = .skipped("the key type \(kty.prefix(32)) is not one plannerd verifies (RSA, EC, OKP)")
        }
        return outcome
    }

    static func parameter(_ object: JSONObject, _ key: String, name: String, problems: inout [String]) -> String? {
        guard let value = object[key]?.stringValue, !value.isEmpty else {
            problems.append("\(name).\(key) is missing")
            return nil
        }
        guard Base64URL.decode(Substring(value)) != nil else {
            problems.append("\(name).\(key) is not base64url")
            return nil
        }
        return value
    }

    static func rsa(_ object: JSONObject, name: String, declared: SigningAlgorithm?) -> Outcome {
        var problems: [String] = []
        let modulus = parameter(object, "n", name: name, problems: &problems)
        let exponent = parameter(object, "e", name: name, problems: &problems)
        if let declared, !SigningAlgorithm.rsa.contains(declared) { problems.append("\(name).alg: \(declared.rawValue) is not an RSA algorithm") }
        guard problems.isEmpty, let modulus, let exponent else { return .refused(problems) }
        let bits = (Base64URL.decode(Substring(modulus)) ?? []).drop { $0 == 0 }.count * 8
        guard bits >= minimumRSABits else {
            return .skipped("an RSA key of about \(bits) bits; at least \(minimumRSABits) are required")
        }
        guard let key = try? JWTKit.Insecure.RSA.PublicKey(modulus: modulus, exponent: exponent) else {
            return .refused(["\(name): n and e do not make a valid RSA public key"])
        }
        // One algorithm per key (RFC 8725 §3.1): without `alg`, an RSA key verifies RS256 only.
        return .signing(VerificationKey(material: .rsa(key), algorithms: [declared ?? .rs256]))
    }

    static func ellipticCurve(_ object: JSONObject, name: String, declared: SigningAlgorithm?) -> Outcome {
        var problems: [String] = []
        let curve = object["crv"]?.stringValue
        let implied = curve.flatMap(SigningAlgorithm.ecdsa(curve:))
        if implied == nil { return .skipped("the curve \(curve?.prefix(32) ?? "(none)") is not one plannerd verifies (P-256, P-384, P-521)") }
        let x = parameter(object, "x", name: name, problems: &problems)
        let y = parameter(object, "y", name: name, problems: &problems)
        if let declared, let implied, declared != implied {
            problems.append("\(name).alg: \(declared.rawValue) does not match the curve \(curve ?? "") (\(implied.rawValue))")
        }
        guard problems.isEmpty, let implied, let x, let y else { return .refused(problems) }
        let material: VerificationKey.Material?
        switch implied {
        case .es256: material = (try? ES256PublicKey(parameters: (x, y))).map { .p256($0) }
        case .es384: material = (try? ES384PublicKey(parameters: (x, y))).map { .p384($0) }
        default: material = (try? ES512PublicKey(parameters: (x, y))).map { .p521($0) }
        }
        guard let material else { return .refused(["\(name): x and y are not a point of \(curve ?? "the curve")"]) }
        return .signing(VerificationKey(material: material, algorithms: [implied]))
    }

    static func edwards(_ object: JSONObject, name: String, declared: SigningAlgorithm?) -> Outcome {
        var problems: [String] = []
        guard object["crv"]?.stringValue == "Ed25519" else { return .skipped("the OKP curve is not Ed25519") }
        let x = parameter(object, "x", name: name, problems: &problems)
        if let declared, declared != .eddsa { problems.append("\(name).alg: \(declared.rawValue) is not EdDSA") }
        guard problems.isEmpty, let x else { return .refused(problems) }
        guard let key = try? EdDSA.PublicKey(x: x, curve: .ed25519) else {
            return .refused(["\(name).x: not an Ed25519 public key"])
        }
        return .signing(VerificationKey(material: .ed25519(key), algorithms: [.eddsa]))
    }
}
