import Foundation

/// Writes to standard error, where diagnostics go.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
