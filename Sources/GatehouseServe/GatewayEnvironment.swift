package import ArgumentParser
import Foundation

/// The `GATEHOUSE_*` environment variables that give the gateway options their defaults, the usual way to configure
/// a server in a container. Each option has one: `GATEHOUSE_` and the option's name in capitals, dashes as
/// underscores (`--max-body-size` → `GATEHOUSE_MAX_BODY_SIZE`). A flag on the command line wins over its variable.
///
/// A variable that is set but empty counts as unset. A flag's variable turns it on with `1`, `true` or `yes` and
/// leaves it off with `0`, `false` or `no`; a list's variable (`--cors`, `--seed`) separates its values with commas,
/// and a list of operationIds (`--mock-operations`) with commas or spaces.
package enum GatewayEnvironment {
    /// The variable of the option `name` (without its dashes): `max-body-size` → `GATEHOUSE_MAX_BODY_SIZE`.
    package static func variable(_ name: String) -> String {
        "GATEHOUSE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    /// The text of the option's variable; nil when it is unset or empty.
    package static func text(_ name: String) -> String? {
        guard let text = ProcessInfo.processInfo.environment[variable(name)], !text.isEmpty else { return nil }
        return text
    }

    /// The default of an option: its variable's value when it reads as one, else `fallback` (`check` reports a
    /// variable that does not read).
    package static func value<T: ExpressibleByArgument>(_ name: String, default fallback: T) -> T {
        text(name).flatMap(T.init(argument:)) ?? fallback
    }

    /// The value of an optional option's variable; nil when it is unset.
    package static func optional<T: ExpressibleByArgument>(_ name: String, as type: T.Type) throws(ValidationError)
        -> T?
    {
        guard let text = text(name) else { return nil }
        guard let value = T(argument: text) else {
            var message = "\(variable(name)): '\(text)' is not a valid value for --\(name)"
            if let expected = expectation(of: type) { message += "; expected \(expected)" }
            throw ValidationError(message)
        }
        return value
    }

    /// What a value of the type looks like, for a message: its values (`jsonl or har`), or its kind.
    static func expectation<T: ExpressibleByArgument>(of type: T.Type) -> String? {
        let values = T.allValueStrings
        if values.count == 1 { return values[0] }
        if values.count > 1 { return values.dropLast().joined(separator: ", ") + " or " + values[values.count - 1] }
        if type == Int.self { return "an integer" }
        if type == Double.self { return "a number" }
        return nil
    }

    /// Refuses a variable whose text is not a value of the option's type.
    package static func check<T: ExpressibleByArgument>(_ name: String, as type: T.Type) throws(ValidationError) {
        _ = try optional(name, as: type)
    }

    /// Whether a flag's variable turns it on.
    package static func flag(_ name: String) throws(ValidationError) -> Bool {
        guard let text = text(name) else { return false }
        switch text.lowercased() {
        case "1", "true", "yes": return true
        case "0", "false", "no": return false
        default:
            throw ValidationError(
                "\(variable(name)): expected 1, true or yes (on) or 0, false or no (off), found '\(text)'")
        }
    }

    /// The names in a list option's variable, separated by commas, spaces or both (`GATEHOUSE_MOCK_OPERATIONS=a,b c`);
    /// empty when it is unset.
    package static func names(_ name: String) -> [String] {
        guard let text = text(name) else { return [] }
        return text.split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// The values of a list option's variable, separated by commas; empty when it is unset.
    package static func list(_ name: String) -> [String] {
        guard let text = text(name) else { return [] }
        return text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
