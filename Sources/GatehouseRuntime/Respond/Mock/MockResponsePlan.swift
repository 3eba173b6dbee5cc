import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

/// One declared response, ready to serve: its media types (in document order, the first being the default) or, when
/// it declares no content, the empty answer with its headers.
final class MockResponsePlan: Sendable {
    let status: ResponseStatus
    /// The status this response answers with when no code is asked for: the code itself, 200 for `2XX` and
    /// `default` (which serves a success only when nothing else does), `N00` for another range.
    let naturalStatus: Int
    let media: [MockMediaPlan]
    /// The media types negotiation chooses from: those with a body the gateway can write (an example or an instance
    /// encoded as that type), in document order; every declared one when none can be written, so the request gets
    /// the reason. A type such as `application/x-msgpack` with an object schema is declared but never chosen.
    let writable: [MockMediaPlan]
    /// The media types of `writable`, parallel to it, for negotiation and 406 answers.
    let mediaTypes: [MediaTypeName]
    /// The answer when `media` is empty.
    let empty: MockResponse

    init(status: ResponseStatus, media: [MockMediaPlan], empty: MockResponse) {
        self.status = status
        self.naturalStatus = Self.naturalStatus(of: status)
        self.media = media
        let writable = media.filter { $0.primary != nil }
        self.writable = writable.isEmpty ? media : writable
        self.mediaTypes = self.writable.map(\.mediaType)
        self.empty = empty
    }

    static func naturalStatus(of status: ResponseStatus) -> Int {
        switch status {
        case .code(let code): return code
        case .range(let range): return range * 100
        case .default: return 200
        }
    }
}
