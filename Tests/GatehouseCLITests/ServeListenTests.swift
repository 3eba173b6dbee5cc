import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `gatehouse serve` on an address it cannot listen on says which and why, as a start error.
struct ServeListenTests {
    /// A socket listening on 127.0.0.1 and a free port, closed by `close()`.
    private struct TakenPort {
        let descriptor: Int32
        let port: Int

        init() throws {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                        && getsockname(descriptor, socketAddress, &length) == 0
                }
            }
            guard descriptor >= 0, listening else { throw CocoaError(.fileWriteUnknown) }
            self.descriptor = descriptor
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        func close() { _ = Glibc.close(descriptor) }
    }

    @Test(.timeLimit(.minutes(2)))
    func aPortInUseIsAStartErrorThatNamesTheAddress() async throws {
        let taken = try TakenPort()
        defer { taken.close() }
        let result = try await GatehouseProcess.run([
            "serve", "specs/petstore.yaml", "--stateless", "--port", String(taken.port),
        ])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "error: cannot listen on 127.0.0.1:\(taken.port): the address is already in use; stop what listens "
                    + "there, or give another --port (0 picks a free one)"),
            "\(result.stderr)")
        #expect(!result.stderr.contains("errno"), "\(result.stderr)")
        #expect(!result.stdout.contains("Listening on"))
    }

    @Test(.timeLimit(.minutes(2)))
    func anAddressOfAnotherMachineIsAStartErrorThatSaysSo() async throws {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): no interface of a test machine has it.
        let result = try await GatehouseProcess.run([
            "serve", "specs/petstore.yaml", "--stateless", "--host", "192.0.2.1", "--port", "0",
        ])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "error: cannot listen on 192.0.2.1:0: no network interface of this machine has that address"),
            "\(result.stderr)")
    }
}
