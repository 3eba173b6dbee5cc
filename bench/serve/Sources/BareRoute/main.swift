import Foundation
import HTTPTypes
import Hummingbird

// BareRoute PORT BODY_FILE CONTENT_TYPE [STATUS [NAME=VALUE…]]: answers every request with the file's bytes (and
// STATUS, 200 by default, and the extra header fields: the proxy bench's backend answers its POST with 201 and a
// Location, as the contract says).
let arguments = CommandLine.arguments
guard arguments.count >= 4, let port = Int(arguments[1]),
    let body = FileManager.default.contents(atPath: arguments[2]),
    let status = arguments.count >= 5 ? Int(arguments[4]) : 200
else {
    FileHandle.standardError.write(Data("usage: BareRoute PORT BODY_FILE CONTENT_TYPE [STATUS [NAME=VALUE…]]\n".utf8))
    exit(64)
}
let headers: HTTPFields = {
    var headers: HTTPFields = [.contentType: arguments[3]]
    for field in arguments.dropFirst(5) {
        let parts = field.split(separator: "=", maxSplits: 1)
        guard parts.count == 2, let name = HTTPField.Name(String(parts[0])) else { continue }
        headers.append(HTTPField(name: name, value: String(parts[1])))
    }
    return headers
}()
let bytes = ByteBuffer(bytes: [UInt8](body))
let responder = CallbackResponder { (request: Request, _: BasicRequestContext) in
    // Read the body like the gateway does, so POST costs the same I/O.
    _ = try await request.body.collect(upTo: 10 * 1024 * 1024)
    return Response(
        status: .init(code: status),
        headers: headers,
        body: ResponseBody(byteBuffer: bytes)
    )
}
let app = Application(
    responder: responder,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Bare")
)
try await app.runService()
