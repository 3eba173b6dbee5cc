/// At most `limit` requests per UTC `period`.
public struct Quota: Sendable, Hashable {
    public var limit: Int
    public var period: QuotaPeriod

    public init(limit: Int, period: QuotaPeriod) {
        self.limit = limit
        self.period = period
    }
}
