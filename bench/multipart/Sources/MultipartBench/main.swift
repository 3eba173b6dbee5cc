import Foundation
import GatehouseSpec
import GatehouseValidation
import MultipartKit

// MultipartBench [SECONDS]: multipart/form-data bodies read by Gatehouse's BodyDecoder (split into parts, each part
// decoded by its media type into the object the schema validates) and by multipart-kit's MultipartParser (split into
// parts, headers and body bytes collected), on the same bytes, in the same run. Prints a Markdown table.
let seconds = CommandLine.arguments.count > 1 ? Double(CommandLine.arguments[1]) ?? 2 : 2

let spec = """
    openapi: 3.1.0
    info: {title: Upload, version: '1'}
    paths:
      /upload:
        post:
          requestBody:
            required: true
            content:
              multipart/form-data:
                schema:
                  type: object
                  properties:
                    title: {type: string}
                    tags: {type: string}
                    count: {type: integer}
                    file: {type: string, contentMediaType: application/octet-stream}
          responses:
            '204': {description: stored}
    """
let output = SpecFrontEnd().run(bytes: Array(spec.utf8), path: "upload.yaml")
guard let model = output.model, let operation = model.operations.first, let requestBody = operation.requestBody else {
    fatalError("the bench's spec does not load: \(output.diagnostics)")
}
let decoder = BodyDecoder(requestBody: requestBody, document: model.document)
let boundary = "----gatehouse-bench-7MA4YWxkTrZu0gW"
let contentType = "multipart/form-data; boundary=\(boundary)"

/// A body of three small fields and a file of `fileSize` bytes.
func body(fileSize: Int) -> [UInt8] {
    var text = ""
    for (name, value) in [("title", "Quarterly report"), ("tags", "finance,q3"), ("count", "42")] {
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
    }
    text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.bin\"\r\n"
    text += "Content-Type: application/octet-stream\r\n\r\n"
    var bytes = Array(text.utf8)
    bytes += (0..<fileSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    bytes += Array("\r\n--\(boundary)--\r\n".utf8)
    return bytes
}

func measure(_ body: () -> Bool) -> Double {
    var count = 0
    let start = Date()
    while Date().timeIntervalSince(start) < seconds {
        for _ in 0..<50 { precondition(body()) }
        count += 50
    }
    return Double(count) / Date().timeIntervalSince(start)
}

func gatehouse(_ bytes: [UInt8]) -> Bool {
    let decoded = decoder.decode(contentType: contentType, body: bytes)
    return decoded.issues.isEmpty && decoded.value?.objectValue?["file"] != nil
}

func multipartKit(_ bytes: [UInt8]) -> Bool {
    let parser = MultipartParser(boundary: boundary)
    var parts = 0
    var headers: [(String, String)] = []
    var current: [UInt8] = []
    parser.onHeader = { name, value in headers.append((name, value)) }
    parser.onBody = { buffer in current += buffer.readableBytesView }
    parser.onPartComplete = {
        parts += 1
        current = []
    }
    do { try parser.execute(bytes) } catch { return false }
    return parts == 4 && headers.count == 5
}

print("| body | Gatehouse BodyDecoder bodies/s | multipart-kit MultipartParser bodies/s | ratio |")
print("|---|---|---|---|")
for (label, size) in [("3 fields + 1 KB file", 1024), ("3 fields + 64 KB file", 64 * 1024), ("3 fields + 1 MB file", 1024 * 1024)] {
    let bytes = body(fileSize: size)
    precondition(gatehouse(bytes), "Gatehouse does not read the body")
    precondition(multipartKit(bytes), "multipart-kit does not read the body")
    let ours = measure { gatehouse(bytes) }
    let theirs = measure { multipartKit(bytes) }
    print("| \(label) (\(bytes.count) bytes) | \(Int(ours)) | \(Int(theirs)) | \(String(format: "%.2f", ours / theirs))x |")
}
