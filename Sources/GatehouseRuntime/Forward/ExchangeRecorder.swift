import Dispatch
import Foundation

/// `--record FILE`: appends every exchange to a file, written through (no buffer in the process) before the
/// client gets its answer, so a CI job can stop the gateway at any time and validate what was recorded.
///
/// JSON lines are appended to what the file holds. A HAR file is one JSON document: the recorder keeps it valid
/// after every exchange by writing each entry over the closing `]}}` and the closing after it; a HAR file the
/// recorder wrote before is continued.
///
/// Writes are blocking system calls, so they run on a serial dispatch queue of their own, never on Swift's
/// cooperative pool; a request waits for its line without holding a thread.
public final class ExchangeRecorder: @unchecked Sendable {
    // @unchecked: `handle`, `entryCount` and `trailerOffset` are only touched on `queue`.
    public enum Format: String, Sendable, CaseIterable {
        case jsonLines = "jsonl"
        case har
    }

    /// Where and how to record.
    public struct Destination: Sendable {
        public var path: String
        public var format: Format

        public init(path: String, format: Format) {
            self.path = path
            self.format = format
        }
    }

    /// Why the record file cannot be used.
    public struct OpenError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let destination: Destination
    private let queue = DispatchQueue(label: "gatehouse.record")
    private let handle: FileHandle
    private var entryCount = 0
    /// HAR: where the closing `\n]}}\n` starts.
    private var trailerOffset: UInt64 = 0

    static let harTrailer = Array("\n]}}\n".utf8)

    public init(_ destination: Destination) throws(OpenError) {
        self.destination = destination
        let path = destination.path
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil) else {
                throw OpenError(description: "cannot create the record file '\(path)'")
            }
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw OpenError(description: "cannot open the record file '\(path)' for writing")
        }
        self.handle = handle
        do {
            let end = try handle.seekToEnd()
            if destination.format == .har { try openHAR(size: end) }
        } catch let error as OpenError {
            throw error
        } catch {
            throw OpenError(description: "cannot write the record file '\(path)': \(error.localizedDescription)")
        }
    }

    /// HAR: continues a file this recorder wrote (it ends with the closing), else starts one in an empty file.
    private func openHAR(size: UInt64) throws {
        let trailer = Self.harTrailer
        if size == 0 {
            let opening = #"{"log":{"version":"1.2","creator":{"name":"gatehouse","version":"1"},"entries":["#
            try handle.write(contentsOf: Array(opening.utf8) + trailer)
            trailerOffset = UInt64(opening.utf8.count)
            return
        }
        guard size >= UInt64(trailer.count) + 2 else { throw notHAR() }
        try handle.seek(toOffset: size - UInt64(trailer.count) - 1)
        let tail = Array(try handle.read(upToCount: trailer.count + 1) ?? Data())
        guard tail.count == trailer.count + 1, Array(tail.dropFirst()) == trailer else { throw notHAR() }
        trailerOffset = size - UInt64(trailer.count)
        // The byte before the closing is `[` for a log without entries, `}` after an entry.
        entryCount = tail.first == UInt8(ascii: "[") ? 0 : 1
    }

    private func notHAR() -> OpenError {
        OpenError(
            description:
                "'\(destination.path)' is not a HAR file written by 'gatehouse serve --record'; name a new file or an empty one"
        )
    }

    /// Writes one exchange; returns once it is in the file (or the write failed, which is logged by the caller).
    func record(_ entry: RecordedEntry) async -> (any Error)? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.write(entry))
            }
        }
    }

    private func write(_ entry: RecordedEntry) -> (any Error)? {
        do {
            switch destination.format {
            case .jsonLines:
                try handle.seekToEnd()
                try handle.write(contentsOf: Array((entry.jsonLine + "\n").utf8))
            case .har:
                let separator = entryCount == 0 ? "\n" : ",\n"
                let bytes = Array((separator + entry.harEntry).utf8)
                try handle.seek(toOffset: trailerOffset)
                try handle.write(contentsOf: bytes + Self.harTrailer)
                trailerOffset += UInt64(bytes.count)
            }
            entryCount += 1
            return nil
        } catch {
            return error
        }
    }

    /// Closes the file once every pending write is done.
    func close() {
        queue.sync { try? handle.close() }
    }
}
