import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseValidation
import Testing

@testable import GatehouseRuntime

/// `--record`: every exchange appended as `gatehouse validate --traffic` reads it, credentials redacted; validating
/// the record finds exactly the planted violations.
struct UpstreamRecordTests {
    static func temporaryFile(_ suffix: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-record-\(UUID().uuidString)\(suffix)")
            .path
    }

    /// Valid calls, and the four planted response violations (pets 2 to 5).
    static func traffic(_ gateway: RunningGateway) async throws {
        let json = [("Content-Type", "application/json"), ("Authorization", "Bearer s3cret-token")]
        #expect(
            try await gateway.request(.POST, "/v1/pets?api_key=k3y", headers: json, body: #"{"name": "Rex"}"#).status
                == 201)
        #expect(try await gateway.request(.GET, "/v1/pets?limit=2").status == 200)
        for pet in 1...5 { _ = try await gateway.request(.GET, "/v1/pets/\(pet)") }
        #expect(try await gateway.request(.GET, "/v1/health").status == 200)
    }

    /// What `gatehouse validate --traffic` does with the file: the findings per exchange, by path.
    static func validate(_ path: String) throws -> (results: [ExchangeResult], diagnostics: [Diagnostic]) {
        let model = try #require(SpecFrontEnd().run(bytes: Array(UpstreamGateway.spec.utf8), path: "spec.yaml").model)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let traffic = TrafficReader().read(bytes: bytes, path: path)
        let validator = ExchangeValidator(model: model)
        return (traffic.exchanges.map(validator.validate), traffic.diagnostics)
    }

    @Test(arguments: [ExchangeRecorder.Format.jsonLines, .har])
    func validatingTheRecordFindsExactlyThePlantedViolations(_ format: ExchangeRecorder.Format) async throws {
        let path = Self.temporaryFile(format == .har ? ".har" : ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try ExchangeRecorder(.init(path: path, format: format))
        try await UpstreamGateway.with(recorder: recorder) { gateway, _, _ in
            try await Self.traffic(gateway)
            // Written before the answer went out: the file is complete while the gateway still runs.
            let (results, diagnostics) = try Self.validate(path)
            #expect(diagnostics.isEmpty)
            #expect(results.count == 8)
            let failed = results.filter { !$0.isValid }.map(\.path)
            #expect(failed == ["/v1/pets/2", "/v1/pets/3", "/v1/pets/4", "/v1/pets/5"])
            #expect(
                results.filter { !$0.isValid }.allSatisfy { $0.findings.count == 1 && $0.findings[0].part == .response }
            )
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("s3cret-token"))
        #expect(!text.contains("k3y"))
        #expect(text.contains("REDACTED"))
    }

    @Test func aSecondGatewayAppendsToTheSameRecord() async throws {
        for format in [ExchangeRecorder.Format.jsonLines, .har] {
            let path = Self.temporaryFile(format == .har ? ".har" : ".jsonl")
            defer { try? FileManager.default.removeItem(atPath: path) }
            for _ in 0..<2 {
                let recorder = try ExchangeRecorder(.init(path: path, format: format))
                try await UpstreamGateway.with(recorder: recorder) { gateway, _, _ in
                    let reply = try await gateway.request(.GET, "/v1/pets/1")
                    #expect(reply.status == 200)
                }
                recorder.close()
            }
            let (results, diagnostics) = try Self.validate(path)
            #expect(diagnostics.isEmpty)
            #expect(results.count == 2)
            #expect(results.allSatisfy { $0.isValid })
        }
    }

    /// A backend body past the buffer limit streams to the client and is not held, so it is not recorded: the record
    /// says so, with the length, and validating the record reports that body as not checked instead of checking an
    /// empty one.
    @Test(arguments: [ExchangeRecorder.Format.jsonLines, .har])
    func aStreamedAnswerIsRecordedAsStreamedAndValidatedAsNotChecked(_ format: ExchangeRecorder.Format) async throws {
        let path = Self.temporaryFile(format == .har ? ".har" : ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try ExchangeRecorder(.init(path: path, format: format))
        var settings = UpstreamGateway.Settings()
        settings.bufferedBodyLimit = 1024
        // The streamed list breaks the contract in its last pet: nothing can say so, since its bytes were not kept.
        let broken = String(HeadRequestTests.manyPets.dropLast()) + #", {"id": "last"}]"#
        let answering = TestBackend.Answering.custom { request in
            if request.path == "/api/pets" { return .init(body: broken) }
            return await UpstreamGateway.petAnswer(request)
        }
        try await UpstreamGateway.with(answering: answering, settings: settings, recorder: recorder) { gateway, _, _ in
            let streamed = try await gateway.request(.GET, "/v1/pets")
            #expect(streamed.body == broken)
            #expect(try await gateway.request(.GET, "/v1/pets/1").status == 200)
        }
        recorder.close()
        let (results, diagnostics) = try Self.validate(path)
        #expect(diagnostics.isEmpty)
        #expect(results.map(\.path) == ["/v1/pets", "/v1/pets/1"])
        #expect(results.allSatisfy { $0.isValid })
        #expect(results.map(\.responseBodyNotChecked) == [true, false])

        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(#"\"last\""#))
        let length = broken.utf8.count
        switch format {
        case .jsonLines:
            let line = try JSONParser.parse(Array(text.split(separator: "\n")[0].utf8))
            #expect(line["response"]?["bodyStreamed"] == .bool(true))
            #expect(line["response"]?["bodySize"] == .number(JSONNumber(length)))
            #expect(line["response"]?["body"] == nil)
        case .har:
            let log = try JSONParser.parse(Array(text.utf8))
            let response = log["log"]?["entries"]?[0]?["response"]
            #expect(response?["bodySize"] == .number(JSONNumber(length)))
            #expect(response?["content"]?["size"] == .number(JSONNumber(length)))
            #expect(response?["content"]?["_bodyStreamed"] == .bool(true))
            #expect(response?["content"]?["comment"] == .string(RecordedEntry.streamedResponseComment))
            #expect(response?["content"]?["text"] == nil)
        }
    }

    /// A request body of a media type the contract does not look into streams to the backend, so it is not recorded
    /// either: validating the record must not report it as missing (the operation requires one).
    @Test(arguments: [ExchangeRecorder.Format.jsonLines, .har])
    func aStreamedUploadIsRecordedAsStreamedAndNotReportedMissing(_ format: ExchangeRecorder.Format) async throws {
        let spec = """
            openapi: 3.0.3
            info: {title: Uploads, version: '1'}
            servers: [{url: /v1}]
            paths:
              /blob:
                put:
                  operationId: upload
                  requestBody:
                    required: true
                    content: {application/octet-stream: {schema: {type: string, format: binary}}}
                  responses:
                    '200':
                      description: how many bytes arrived
                      content: {application/json: {schema: {type: object, required: [received]}}}
            """
        let path = Self.temporaryFile(format == .har ? ".har" : ".jsonl")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let recorder = try ExchangeRecorder(.init(path: path, format: format))
        let answering = TestBackend.Answering.custom { request in .init(body: #"{"received": \#(request.body.count)}"#)
        }
        try await UpstreamGateway.with(spec: spec, answering: answering, recorder: recorder) { gateway, _, _ in
            let upload = try await gateway.request(
                .PUT, "/v1/blob", headers: [("Content-Type", "application/octet-stream")], body: "0123456789")
            #expect(upload.body == #"{"received": 10}"#)
        }
        recorder.close()
        let model = try #require(SpecFrontEnd().run(bytes: Array(spec.utf8), path: "spec.yaml").model)
        let traffic = TrafficReader().read(bytes: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))), path: path)
        #expect(traffic.diagnostics.isEmpty)
        let results = traffic.exchanges.map(ExchangeValidator(model: model).validate)
        #expect(results.count == 1)
        #expect(results.first?.findings.map(\.issue.message) == [])
        #expect(results.first?.requestBodyNotChecked == true)
        #expect(results.first?.responseBodyNotChecked == false)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains("0123456789"))
        switch format {
        case .jsonLines:
            let line = try JSONParser.parse(Array(text.utf8.dropLast()))
            #expect(line["request"]?["bodyStreamed"] == .bool(true))
            #expect(line["request"]?["bodySize"] == .number(JSONNumber(10)))
        case .har:
            let request = try JSONParser.parse(Array(text.utf8))["log"]?["entries"]?[0]?["request"]
            #expect(request?["bodySize"] == .number(JSONNumber(10)))
            #expect(request?["postData"]?["_bodyStreamed"] == .bool(true))
            #expect(request?["postData"]?["comment"] == .string(RecordedEntry.streamedRequestComment))
        }
    }

    @Test func aFileThatIsNotARecordIsRefusedForHAR() throws {
        let path = Self.temporaryFile(".har")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{\"not\": \"a record\"}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: ExchangeRecorder.OpenError.self) {
            _ = try ExchangeRecorder(.init(path: path, format: .har))
        }
    }
}
