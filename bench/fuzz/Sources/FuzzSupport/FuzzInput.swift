#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The fuzzer's bytes, split into parts at 0x00 bytes (a schema and an instance, a query and a body), so one input
/// drives several readers; missing parts are empty.
public struct FuzzInput {
    public let parts: [[UInt8]]

    public init(_ start: UnsafePointer<UInt8>, _ count: Int, parts wanted: Int) {
        let bytes = Array(UnsafeBufferPointer(start: start, count: count))
        var parts = bytes.split(separator: 0, maxSplits: wanted - 1, omittingEmptySubsequences: false).map(Array.init)
        while parts.count < wanted { parts.append([]) }
        self.parts = parts
    }

    /// Part `index` as text (invalid UTF-8 repaired, as a server reading a header would).
    public func text(_ index: Int) -> String {
        String(decoding: parts[index], as: UTF8.self)
    }
}

/// Stops the run with the input that broke an invariant (libFuzzer saves it as a crash).
public func invariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// libFuzzer's entry for a program with its own `main` (SwiftPM links an executable target's `main` itself).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments on `callback` and exits with its status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}
