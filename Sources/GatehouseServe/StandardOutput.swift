import Foundation

/// Writes to standard output, where results and `serve`'s banner go. A reader that went away (`serve | head -1`)
/// loses the text and nothing else: the write's error is dropped, where `FileHandle.write(_:)` would trap.
package enum StandardOutput {
    package static func write(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
