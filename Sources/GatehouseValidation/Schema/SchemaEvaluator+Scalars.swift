import Foundation
import GatehouseJSON
import GatehouseSpec

extension SchemaEvaluator {
    mutating func checkString(_ node: SchemaNode, _ rules: StringRules, _ text: String) -> Bool {
        var valid = true
        if rules.minLength != nil || rules.maxLength != nil {
            // Length counts code points. A code point takes 1 to 4 UTF-8 bytes, so the byte count (O(1) for native
            // strings) decides most cases without counting.
            let bytes = text.utf8.count
            if let minimum = rules.minLength, bytes < minimum * 4 {
                let count = text.unicodeScalars.count
                if count < minimum {
                    valid = false
                    guard
                        report(
                            node, "minLength",
                            "expected a string of at least \(counted(minimum, "character")), found \(count): \(quote(text))"
                        )
                    else { return false }
                }
            }
            if let maximum = rules.maxLength, bytes > maximum {
                let count = text.unicodeScalars.count
                if count > maximum {
                    valid = false
                    guard
                        report(
                            node, "maxLength",
                            "expected a string of at most \(counted(maximum, "character")), found \(count): \(quote(text))"
                        )
                    else { return false }
                }
            }
        }
        if let pattern = rules.pattern, !pattern.matches(text) {
            valid = false
            guard report(node, "pattern", "expected a string matching \(quote(pattern.source)), found \(quote(text))")
            else { return false }
        }
        return valid
    }

    mutating func checkNumber(_ node: SchemaNode, _ rules: NumberRules, _ number: JSONNumber) -> Bool {
        if rules.quickCheck(number.int64, number.double) == true { return true }
        var valid = true
        for bound in rules.lower {
            let order = compare(number, bound.limit)
            if order < 0 || (bound.exclusive && order == 0) {
                valid = false
                let relation = bound.exclusive ? "greater than" : "at least"
                guard report(node, bound.keyword, "expected a number \(relation) \(bound.limit), found \(number)")
                else {
                    return false
                }
            }
        }
        for bound in rules.upper {
            let order = compare(number, bound.limit)
            if order > 0 || (bound.exclusive && order == 0) {
                valid = false
                let relation = bound.exclusive ? "less than" : "at most"
                guard report(node, bound.keyword, "expected a number \(relation) \(bound.limit), found \(number)")
                else {
                    return false
                }
            }
        }
        if let divisor = rules.multipleOf, !isMultiple(number, of: divisor) {
            valid = false
            guard report(node, "multipleOf", "expected a multiple of \(divisor), found \(number)") else { return false }
        }
        return valid
    }
}

/// -1, 0 or 1; exact for 64-bit integers.
func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
    if let left = lhs.int64, let right = rhs.int64 { return left < right ? -1 : (left == right ? 0 : 1) }
    return lhs.double < rhs.double ? -1 : (lhs.double == rhs.double ? 0 : 1)
}

/// `multipleOf` done exactly on the decimal literals (0.0075 is a multiple of 0.0001, which binary floating point
/// gets wrong), falling back to doubles for values a decimal cannot hold.
func isMultiple(_ number: JSONNumber, of divisor: JSONNumber) -> Bool {
    if let value = number.int64, let step = divisor.int64 { return step != 0 && value % step == 0 }
    if let value = Decimal(string: number.literal ?? number.description, locale: Locale(identifier: "en_US_POSIX")),
        let step = Decimal(string: divisor.literal ?? divisor.description, locale: Locale(identifier: "en_US_POSIX")),
        !value.isNaN, !step.isNaN, step != 0, value.exponent > -100, step.exponent > -100
    {
        var quotient = value / step
        if quotient.isNaN { return false }
        var rounded = Decimal()
        NSDecimalRound(&rounded, &quotient, 0, .plain)
        return rounded == quotient
    }
    let quotient = number.double / divisor.double
    guard quotient.isFinite else { return false }
    return quotient.rounded() == quotient
}
