import Foundation
import GatehouseValidation
import HTTPTypes

/// The parts of a request that can carry credentials: its headers, query string and cookies, read case-insensitively
/// for header names and exactly for query and cookie names.
struct PresentedCredentials: Sendable {
    let headers: HTTPFields
    let query: String

    /// The values of a header; a value with a comma is two values folded into one line by a proxy.
    func headerValues(_ name: String) -> [String] {
        // Compared byte by byte: making an `HTTPField.Name` from the contract's name would validate and lowercase it
        // on every request.
        var values: [String] = []
        for field in headers where HeaderField.sameName(field.name.rawName, name) {
            for part in field.value.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                values.append(Self.trimmed(part))
            }
        }
        return values
    }

    /// The text of `bytes` without leading and trailing spaces and tabs (optional whitespace around header values).
    static func trimmed(_ bytes: Substring.UTF8View.SubSequence) -> String {
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isBlank($0) }), let last = bytes.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The values of a query parameter, percent-decoded (`+` is a space, as in forms).
    func queryValues(_ name: String) -> [String] {
        guard !query.isEmpty else { return [] }
        var values: [String] = []
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.decode(parts[0]) == name else { continue }
            values.append(parts.count > 1 ? Self.decode(parts[1]) : "")
        }
        return values
    }

    /// The values of a cookie across every `Cookie` header.
    func cookieValues(_ name: String) -> [String] {
        headers[values: .cookie]
            .flatMap { $0.split(separator: ";") }
            .compactMap { pair -> String? in
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts[0].trimmingCharacters(in: .whitespaces) == name else { return nil }
                let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                return value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"")
                    ? String(value.dropFirst().dropLast()) : value
            }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The query string with the values of secret-bearing parameters replaced by `REDACTED`, for the access log.
    static func redactedQuery(_ query: String, secretNames: Set<String>) -> String {
        query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, secretNames.contains(decode(parts[0]).lowercased()) else { return String(pair) }
            return parts[0] + "=REDACTED"
        }.joined(separator: "&")
    }
}
