/// W3C Trace Context (`traceparent: 00-<trace-id>-<parent-id>-<flags>`): the gateway passes a well-formed one on, so
/// the backend's spans join the caller's trace, and starts a trace when the caller sent none (or a malformed one).
enum TraceParent {
    /// The value the backend gets.
    static func passedOn(_ value: String?) -> String {
        if let value, isWellFormed(value) { return value }
        return started()
    }

    /// `version-traceid-parentid-flags`: 2, 32, 16 and 2 lowercase hex digits; the version is not `ff`, the ids not
    /// all zeros. A later version may add fields after the flags (W3C §4.3).
    static func isWellFormed(_ value: String) -> Bool {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0] != "ff", parts[0] != "00" || parts.count == 4 else { return false }
        let lengths = [2, 32, 16, 2]
        for (part, length) in zip(parts, lengths) {
            guard part.utf8.count == length, part.utf8.allSatisfy(isLowercaseHex) else { return false }
        }
        return parts[1].utf8.contains { $0 != UInt8(ascii: "0") } && parts[2].utf8.contains { $0 != UInt8(ascii: "0") }
    }

    /// A new trace: random trace and parent ids, sampled. Neither is all zeros: `ProcessRandom` gives zero at most
    /// once per process, so not twice for the trace id, and the parent id's lowest bit is set.
    static func started() -> String {
        var text: [UInt8] = Array("00-".utf8)
        text.reserveCapacity(55)
        for number in [ProcessRandom.next(), ProcessRandom.next()] { appendHex(number, to: &text) }
        text.append(UInt8(ascii: "-"))
        appendHex(ProcessRandom.next() | 1, to: &text)
        text += Array("-01".utf8)
        return String(decoding: text, as: UTF8.self)
    }

    private static func appendHex(_ number: UInt64, to text: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) {
            LowercaseHex.append(UInt8(truncatingIfNeeded: number >> UInt64(shift)), to: &text)
        }
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
