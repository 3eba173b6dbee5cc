import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

/// The asserted formats, with the values users send: valid and invalid samples for each.
struct FormatKindTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var format: String
        var valid: [String] = []
        var invalid: [String] = []
        var validNumbers: [JSONNumber] = []
        var invalidNumbers: [JSONNumber] = []
        var testDescription: String { format }
    }

    static let samples = [
        Sample(
            format: "date-time", valid: ["2024-02-29T23:59:59.123+01:00", "1998-12-31T23:59:60Z"],
            invalid: ["2023-02-29T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00"]),
        Sample(format: "date", valid: ["2024-02-29"], invalid: ["2024-13-01", "2024-2-1"]),
        Sample(format: "time", valid: ["08:30:06Z", "23:59:60+00:00"], invalid: ["08:30:06", "24:00:00Z"]),
        Sample(format: "duration", valid: ["P1Y2M3DT4H5M6S", "P2W", "PT1M"], invalid: ["P", "PT", "P1Y2D", "P1W1D"]),
        Sample(
            format: "email", valid: ["joe.bloggs@example.com", "\"joe bloggs\"@example.com", "a@[127.0.0.1]"],
            invalid: ["joe", ".joe@example.com", "joe..b@example.com"]),
        Sample(
            format: "hostname", valid: ["example.com", "a--b.example"],
            invalid: ["-example.com", "example.", String(repeating: "a", count: 64) + ".com"]),
        Sample(format: "ipv4", valid: ["192.168.0.1"], invalid: ["256.1.1.1", "01.1.1.1", "1.1.1"]),
        Sample(
            format: "ipv6", valid: ["::1", "2001:db8::ff00:42:8329", "::ffff:192.0.2.1"],
            invalid: ["1:2:3:4:5:6:7:8:9", "2001:db8:::1", "[::1]"]),
        Sample(
            format: "uri", valid: ["https://example.com/a?b=c#d", "urn:isbn:0451450523"],
            invalid: ["/relative", "http://exa mple.com", "https://example.com/%zz"]),
        Sample(
            format: "uri-reference", valid: ["/relative/path?x=1", "#fragment", "../up"],
            invalid: ["\\\\WINDOWS", "a b"]),
        Sample(
            format: "uuid", valid: ["123e4567-e89b-12d3-a456-426614174000"],
            invalid: ["123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400g"]),
        Sample(format: "regex", valid: ["^[a-z]+$", "(?=x)"], invalid: ["^(abc", "[z-a]"]),
        Sample(format: "byte", valid: ["ZXhhbXBsZQ==", ""], invalid: ["ZXhhbXBsZQ", "ZX=hbXBsZQ=="]),
        Sample(
            format: "int32", valid: ["strings are not checked"], validNumbers: [JSONNumber(2_147_483_647)],
            invalidNumbers: [JSONNumber(2_147_483_648), JSONNumber(1.5)]),
        Sample(
            format: "int64", validNumbers: [JSONNumber(Int64.max)],
            invalidNumbers: [JSONNumber(literal: "9223372036854775808")!]),
        Sample(format: "float", validNumbers: [JSONNumber(3.5)], invalidNumbers: [JSONNumber(1e300)]),
        Sample(format: "double", validNumbers: [JSONNumber(1e300)]),
    ]

    @Test(arguments: samples)
    func formatIsAsserted(_ sample: Sample) throws {
        let schema = try SchemaCompiler(dialect: .openAPI31).compile(
            .object(JSONObject(["format": .string(sample.format)])))
        let valid = sample.valid.map(JSONValue.string) + sample.validNumbers.map(JSONValue.number)
        let invalid = sample.invalid.map(JSONValue.string) + sample.invalidNumbers.map(JSONValue.number)
        for value in valid { #expect(schema.isValid(value), "\(value) should be a valid \(sample.format)") }
        for value in invalid { #expect(!schema.isValid(value), "\(value) should not be a valid \(sample.format)") }
    }

    @Test func unknownFormatsAreIgnored() throws {
        let schema = try SchemaCompiler(dialect: .openAPI31).compile(
            .object(JSONObject(["format": .string("password")])))
        #expect(schema.isValid(.string("anything")))
    }
}
