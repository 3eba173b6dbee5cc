public import GatehouseSpec

/// Renders findings as a JUnit XML report: one test case per operation (and one for the whole contract), failed by
/// its findings at or above the failing level, so CI systems that read JUnit show what broke.
public enum JUnitReport {
    public static func render(
        _ findings: [Finding], operations: [OperationRef], failOn: Diagnostic.Severity, suite: String
    ) -> String {
        var cases: [(name: String, findings: [Finding])] = [("contract", findings.filter { $0.operation == nil })]
        for operation in operations.sorted() {
            cases.append(("\(operation) (\(operation.id))", findings.filter { $0.operation == operation }))
        }
        let failures = cases.count { $0.findings.contains { $0.level >= failOn } }
        var output = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        output += "<testsuites name=\"gatehouse diff\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        output += "  <testsuite name=\"\(escaped(suite))\" tests=\"\(cases.count)\" failures=\"\(failures)\">\n"
        for testCase in cases {
            output += "    <testcase classname=\"gatehouse.diff\" name=\"\(escaped(testCase.name))\""
            guard !testCase.findings.isEmpty else {
                output += "/>\n"
                continue
            }
            output += ">\n"
            let failing = testCase.findings.filter { $0.level >= failOn }
            if !failing.isEmpty {
                let message = failing.count == 1 ? failing[0].message : "\(failing.count) breaking changes"
                output += "      <failure type=\"\(escaped(failing[0].rule.id))\" message=\"\(escaped(message))\">"
                output += escaped(failing.map(\.diagnostic.description).joined(separator: "\n"))
                output += "</failure>\n"
            }
            let others = testCase.findings.filter { $0.level < failOn }
            if !others.isEmpty {
                output += "      <system-out>"
                output += escaped(others.map(\.diagnostic.description).joined(separator: "\n"))
                output += "</system-out>\n"
            }
            output += "    </testcase>\n"
        }
        output += "  </testsuite>\n</testsuites>\n"
        return output
    }

    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }
}
