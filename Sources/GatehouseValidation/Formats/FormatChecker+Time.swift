extension FormatChecker {
    /// RFC 3339 `date-time`: full-date "T" full-time.
    static func isDateTime(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 20, bytes[10] | 0x20 == UInt8(ascii: "t") else { return false }
        return isDate(Bytes(rebasing: bytes[0..<10])) && isTime(Bytes(rebasing: bytes[11...]))
    }

    /// RFC 3339 `full-date`: YYYY-MM-DD with a day that exists in that month.
    static func isDate(_ bytes: Bytes) -> Bool {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2)
        else { return false }
        guard month >= 1 && month <= 12, day >= 1 else { return false }
        return day <= daysIn(month: month, year: year)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 `full-time`: HH:MM:SS[.frac](Z|±HH:MM); a leap second only at 23:59:60 UTC.
    static func isTime(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 9, bytes[2] == UInt8(ascii: ":"), bytes[5] == UInt8(ascii: ":"),
            let hour = number(bytes, 0, 2), let minute = number(bytes, 3, 2), let second = number(bytes, 6, 2)
        else { return false }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        var index = 8
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start else { return false }
        }
        guard index < bytes.count else { return false }
        var offsetMinutes = 0
        switch bytes[index] | 0x20 {
        case UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return false }
        default:
            let sign = bytes[index]
            guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), index + 6 == bytes.count,
                bytes[index + 3] == UInt8(ascii: ":"), let offsetHour = number(bytes, index + 1, 2),
                let offsetMinute = number(bytes, index + 4, 2), offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (sign == UInt8(ascii: "+") ? 1 : -1)
        }
        if second == 60 {
            // A leap second happens at 23:59:60 UTC, whatever the local offset.
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    /// ISO 8601 duration as RFC 3339 appendix A gives it: `P1Y2M3DT4H5M6S`, `P2W`. Components are contiguous
    /// (a year is followed by months, if anything; hours by minutes), and a week count stands alone.
    static func isDuration(_ bytes: Bytes) -> Bool {
        guard bytes.count >= 3, bytes[0] == UInt8(ascii: "P") else { return false }
        var index = 1
        var inTime = false
        var lastUnit = -1
        var dateComponents = 0
        var timeComponents = 0
        var weeks = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "T") {
                guard !inTime, !weeks else { return false }
                inTime = true
                lastUnit = -1
                index += 1
                continue
            }
            let start = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > start, index < bytes.count else { return false }
            let units: [UInt8] = inTime ? [0x48, 0x4D, 0x53] : [0x59, 0x4D, 0x44]  // HMS, YMD
            if !inTime && bytes[index] == UInt8(ascii: "W") {
                guard dateComponents == 0 else { return false }
                weeks = true
                dateComponents += 1
                index += 1
                continue
            }
            guard !weeks, let unit = units.firstIndex(of: bytes[index]), lastUnit == -1 || unit == lastUnit + 1 else {
                return false
            }
            lastUnit = unit
            if inTime { timeComponents += 1 } else { dateComponents += 1 }
            index += 1
        }
        if inTime { return timeComponents > 0 }
        return dateComponents > 0
    }
}
