import Foundation
import GatehouseTestSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bare TCP connection to the gateway, for requests no HTTP client would send (malformed heads, conflicting
/// lengths, bad chunking, slow writes). Every read and write is bounded by a timeout, and runs on a thread of its
/// own: blocking a Swift concurrency thread would starve the in-process server on a 2-core machine.
final class RawHTTPConnection: @unchecked Sendable {
    // @unchecked: the socket is used by one test at a time, one call after another.
    private let socket: Int32

    init(port: Int, timeout: TimeInterval = 30) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw POSIXError(.EIO) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close(socket) }

    /// Writes all of `bytes` off the cooperative pool; false when the peer closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) async -> Bool {
        await onOwnThread { self.sendBlocking(bytes) }
    }

    @discardableResult
    func send(_ text: String) async -> Bool { await send(Array(text.utf8)) }

    /// Reads off the cooperative pool until the peer closes, the timeout passes or a whole response arrived.
    func receive(limit: Int = 1 << 20) async -> String {
        await onOwnThread { self.receiveBlocking(limit: limit) }
    }

    private func sendBlocking(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    private func receiveBlocking(limit: Int) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while received.count < limit {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
            if let text = String(bytes: received, encoding: .utf8), Self.isCompleteResponse(text) { break }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// The status code of the first response line, or nil when the connection closed without one.
    static func status(of response: String) -> Int? {
        guard response.hasPrefix("HTTP/1.1 ") else { return nil }
        return Int(response.dropFirst(9).prefix(3))
    }

    private static func isCompleteResponse(_ text: String) -> Bool {
        guard let headerEnd = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<headerEnd.lowerBound].lowercased()
        guard let lengthLine = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
            let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces))
        else { return !head.contains("transfer-encoding") }
        return text.utf8.count - text[..<headerEnd.upperBound].utf8.count >= length
    }
}
