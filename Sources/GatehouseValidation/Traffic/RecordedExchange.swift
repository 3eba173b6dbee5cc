import Foundation
public import GatehouseJSON
public import GatehouseSpec

/// One recorded HTTP exchange: a request and, when it was recorded, its response.
public struct RecordedExchange: Sendable, Hashable {
    /// 0-based position in the traffic file.
    public var index: Int
    /// Where the exchange was written in the traffic file.
    public var location: SourceLocation
    public var request: RecordedRequest
    public var response: RecordedResponse?
}

/// A header as recorded, name case preserved.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Whether two header names are the same: ASCII case-insensitively (they are tokens), byte by byte. Foundation's
    /// `caseInsensitiveCompare` took 2 % of a keyed request, and 1.3 % of a stored create to find its
    /// `Content-Type`.
    public static func sameName(_ left: String, _ right: String) -> Bool {
        guard left.utf8.count == right.utf8.count else { return false }
        return zip(left.utf8, right.utf8).allSatisfy { pair in
            pair.0 == pair.1 || (pair.0 | 0x20 == pair.1 | 0x20 && (pair.0 | 0x20) >= 0x61 && (pair.0 | 0x20) <= 0x7A)
        }
    }
}

extension [HeaderField] {
    /// The first value of a header, compared case-insensitively.
    public func value(for name: String) -> String? {
        first { HeaderField.sameName($0.name, name) }?.value
    }
}

public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// The full URL as recorded (`http://host/base/pets?limit=2`).
    public var url: String
    public var headers: [HeaderField]
    /// Nil when no body was recorded.
    public var body: [UInt8]?
    /// The record says the request had a body it left out (`gatehouse serve --record` for a body it streamed to the
    /// backend, a HAR whose `postData` kept only the size); its body is not checked.
    public var bodyNotRecorded = false
}

public struct RecordedResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [HeaderField]
    public var body: [UInt8]?
    /// The record says the response had a body it left out (`gatehouse serve --record` for an answer streamed past
    /// the buffer limit, a HAR exporter that kept only the size); its status and headers are checked, its body
    /// cannot be.
    public var bodyNotRecorded = false
}
