import Foundation

/// A request's query string, read the way forms are (`+` is a space, values percent-decoded).
enum QueryString {
    /// The first value of each query parameter, decoded.
    static func firstValues(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            if result[name] == nil { result[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return result
    }

    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "+")) else { return String(text).percentDecoded }
        return text.replacingOccurrences(of: "+", with: " ").percentDecoded
    }
}

extension String {
    /// The text with `%XX` escapes decoded (the text itself when it has none, or when they are malformed); most path
    /// parameters have none, and Foundation's decoding bridges through CoreFoundation.
    var percentDecoded: String {
        guard utf8.contains(UInt8(ascii: "%")) else { return self }
        return removingPercentEncoding ?? self
    }
}
