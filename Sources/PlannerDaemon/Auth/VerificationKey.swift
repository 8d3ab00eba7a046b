
import JWTKit

/// One public key of an issuer and the algorithms it verifies.
struct VerificationKey: Sendable {
    /// The key itself.
    enum Material: Sendable {
        case rsa(JWTKit.Insecure.RSA.PublicKey)
        case p256(ES256PublicKey)
        case p384(ES384PublicKey)
        case p521(ES512PublicKey)
        case ed25519(EdDSA.PublicKey)
    }

    /// The key.
    var material: Material
    /// The algorithms a token signed with this key may name in `alg`.
    var algorithms: Set<SigningAlgorithm>

    /// A jwt-kit key collection whose only (default) signer is this key with `algorithm`, so that
    /// jwt-kit checks the signature exactly as plannerd chose: the key by `kid`, the algorithm
    /// from the accepted list.
    func signer(for algorithm: SigningAlgorithm) async -> JWTKeyCollection {
        let collection = JWTKeyCollection()
        switch (material, algorithm) {
        case (.rsa(let key), .rs256): await collection.add(rsa: key, digestAlgorithm: .sha256)
        case (.rsa(let key), .rs384): await collection.add(rsa: key, digestAlgorithm: .sha384)
        case (.rsa(let key), .rs512): await collection.add(rsa: key, digestAlgorithm: .sha512)
        case (.rsa(let key), .ps256): await collection.add(pss: key, digestAlgorithm: .sha256)
        case (.rsa(let key), .ps384): await collection.add(pss: key, digestAlgorithm: .sha384)
        case (.rsa(let key), .ps512): await collection.add(pss: key, digestAlgorithm: .sha512)
        case (.p256(let key), _): await collection.add(ecdsa: key)
        case (.p384(let key), _): await collection.add(ecdsa: key)
        case (.p521(let key), _): await collection.add(ecdsa: key)
        case (.ed25519(let key), _): await collection.add(eddsa: key)
        case (.rsa, .es256), (.rsa, .es384), (.rsa, .es512), (.rsa, .eddsa): break
        }
        return collection
    }
}
