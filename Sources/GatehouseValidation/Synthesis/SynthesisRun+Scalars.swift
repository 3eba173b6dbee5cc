import Foundation
import GatehouseJSON
import GatehouseSpec

extension SynthesisRun {
    func string(_ node: SchemaNode, variant: Int) -> JSONValue? {
        let rules = node.string
        let minimum = rules?.minLength ?? 0
        let maximum = rules?.maxLength ?? Int.max
        guard minimum <= maximum, minimum <= 10_000 else { return nil }
        if let pattern = rules?.pattern {
            // A format's own sample first when the pattern allows it (`date-time` with `^20`), else the pattern's.
            if let format = node.format {
                for offset in 0..<5 {
                    guard let sample = Self.formatSample(format, variant: variant + offset) else { break }
                    let length = sample.unicodeScalars.count
                    if length >= minimum && length <= maximum && pattern.matches(sample) { return .string(sample) }
                }
            }
            guard
                let generated = PatternSampler.sample(pattern, minLength: minimum, maxLength: maximum, variant: variant)
            else { return nil }
            return .string(generated)
        }
        var text: String
        if let format = node.format, let sample = Self.formatSample(format, variant: variant) {
            text = sample
        } else {
            text = variant == 0 ? "string" : "string\(variant)"
        }
        let length = text.unicodeScalars.count
        if length < minimum { text += String(repeating: "x", count: minimum - length) }
        if length > maximum { text = String(text.unicodeScalars.prefix(maximum).map(Character.init)) }
        return .string(text)
    }

    static func formatSample(_ format: FormatKind, variant: Int) -> String? {
        let n = variant % 50
        switch format {
        case .dateTime: return String(format: "2024-01-%02dT09:30:00Z", 15 + n % 10)
        case .date: return String(format: "2024-01-%02d", 15 + n % 10)
        case .time: return String(format: "09:%02d:00Z", 30 + n % 20)
        case .duration: return "P\(n + 1)D"
        case .email: return n == 0 ? "user@example.com" : "user\(n)@example.com"
        case .hostname: return n == 0 ? "example.com" : "host\(n).example.com"
        case .ipv4: return "192.0.2.\(n + 1)"
        case .ipv6: return "2001:db8::\(n + 1)"
        case .uri: return n == 0 ? "https://example.com/" : "https://example.com/\(n)"
        case .uriReference: return n == 0 ? "/example" : "/example/\(n)"
        case .uuid: return String(format: "123e4567-e89b-12d3-a456-4266141740%02d", n)
        case .regex: return "^[a-z]+$"
        case .byte: return ["ZXhhbXBsZQ==", "ZXhhbXBsZTE=", "ZXhhbXBsZTI="][n % 3]
        case .int32, .int64, .float, .double: return nil
        }
    }

    func number(_ node: SchemaNode, integer: Bool, variant: Int) -> JSONValue? {
        let rules = node.number
        let step: Double = rules?.multipleOf.map { integer ? max(1, ($0.double).rounded(.up)) : $0.double } ?? 1
        var low = -Double.greatestFiniteMagnitude
        var lowExclusive = false
        for bound in rules?.lower ?? [] where bound.limit.double >= low {
            low = bound.limit.double
            lowExclusive = bound.exclusive
        }
        var high = Double.greatestFiniteMagnitude
        var highExclusive = false
        for bound in rules?.upper ?? [] where bound.limit.double <= high {
            high = bound.limit.double
            highExclusive = bound.exclusive
        }
        var start: Double
        if low > -Double.greatestFiniteMagnitude {
            start = lowExclusive ? low + min(step, 1) : low
        } else if high < Double.greatestFiniteMagnitude {
            start = min(highExclusive ? high - 1 : high, 1)
        } else {
            start = 1
        }
        start += Double(variant) * step
        if let divisor = rules?.multipleOf {
            start = (start / divisor.double).rounded(.up) * divisor.double
            if lowExclusive && start <= low { start += divisor.double }
        }
        if integer { start = start.rounded(.up) }
        guard start <= high, !(highExclusive && start >= high), start.isFinite else {
            // A narrow range: its midpoint.
            guard !integer, low > -Double.greatestFiniteMagnitude, high < Double.greatestFiniteMagnitude else {
                return nil
            }
            return .number(JSONNumber((low + high) / 2))
        }
        if let exact = Int64(exactly: start) { return .number(JSONNumber(exact)) }
        if let divisor = rules?.multipleOf, let literal = divisor.literal,
            let quotient = Int64(exactly: (start / divisor.double).rounded()),
            let decimal = Decimal(string: literal, locale: Locale(identifier: "en_US_POSIX"))
        {
            // Multiply the decimal literal exactly so the result stays a multiple (0.1 × 3 is not 0.30000000000000004).
            let product = decimal * Decimal(quotient)
            if let number = JSONNumber(literal: "\(product)") { return .number(number) }
        }
        return .number(JSONNumber(start))
    }
}
