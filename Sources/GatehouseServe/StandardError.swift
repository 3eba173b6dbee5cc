import Foundation

/// Writes to standard error, where diagnostics go; a reader that went away loses the text and nothing else.
package enum StandardError {
    package static func write(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
