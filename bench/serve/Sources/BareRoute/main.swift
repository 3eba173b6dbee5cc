import Foundation
import Hummingbird

// BareRoute PORT BODY_FILE CONTENT_TYPE [STATUS]: answers every request with the file's bytes (and STATUS, 200 by
// default: the proxy bench's backend answers its POST with 201, as the contract says).
let arguments = CommandLine.arguments
guard arguments.count == 4 || arguments.count == 5, let port = Int(arguments[1]),
    let body = FileManager.default.contents(atPath: arguments[2]),
    let status = arguments.count == 5 ? Int(arguments[4]) : 200
else {
    FileHandle.standardError.write(Data("usage: BareRoute PORT BODY_FILE CONTENT_TYPE [STATUS]\n".utf8))
    exit(64)
}
let bytes = ByteBuffer(bytes: [UInt8](body))
let contentType = arguments[3]
let responder = CallbackResponder { (request: Request, _: BasicRequestContext) in
    // Read the body like the gateway does, so POST costs the same I/O.
    _ = try await request.body.collect(upTo: 10 * 1024 * 1024)
    return Response(
        status: .init(code: status),
        headers: [.contentType: contentType],
        body: ResponseBody(byteBuffer: bytes)
    )
}
let app = Application(
    responder: responder,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "Bare")
)
try await app.runService()
