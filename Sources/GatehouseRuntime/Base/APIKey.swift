import Crypto
package import Foundation

/// An API key as the store keeps it: never the secret itself, only its SHA-256, with the name it was issued under,
/// its usage plan and whether it is enabled.
package struct APIKey: Sendable, Hashable {
    /// The operator's name for the key (`mobile-app`), unique in a store.
    package var name: String
    /// The usage plan the key is metered by; nil takes the default plan.
    package var plan: String?
    package var createdAt: Date
    /// False once revoked; `gatehouse keys enable` turns it back on.
    package var enabled: Bool
    /// The SHA-256 of the secret, as 64 lowercase hex digits.
    package var hash: String

    package init(name: String, plan: String?, createdAt: Date, enabled: Bool, hash: String) {
        self.name = name
        self.plan = plan
        self.createdAt = createdAt
        self.enabled = enabled
        self.hash = hash
    }

    /// The prefix of every secret, so a leaked key is easy to recognise (and to scan for in repositories).
    package static let secretPrefix = "ghk_"

    /// A new secret: 256 bits from the system's cryptographic random source, base64url without padding.
    package static func generateSecret() -> String {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        return secretPrefix + base64URL(bytes)
    }

    /// The SHA-256 of a secret as lowercase hex: what the store keeps and what lookups compare.
    package static func hash(ofSecret secret: some StringProtocol) -> String {
        let digest = SHA256.hash(data: Array(secret.utf8))
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest { LowercaseHex.append(byte, to: &hex) }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Whether a name is acceptable: 1 to 64 letters, digits, `.`, `_` or `-` (it is shown in tables and logs).
    package static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.unicodeScalars.allSatisfy { scalar in
                (scalar.value < 0x80 && CharacterSet.alphanumerics.contains(scalar))
                    || "._-".unicodeScalars.contains(
                        scalar)
            }
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Byte comparison whose running time depends only on the lengths, so a caller cannot learn how much of a hash
/// matched by timing the answer.
enum ConstantTime {
    static func equals(_ lhs: some StringProtocol, _ rhs: some StringProtocol) -> Bool {
        let left = Array(lhs.utf8)
        let right = Array(rhs.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
