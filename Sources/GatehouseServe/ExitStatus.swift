package import ArgumentParser

/// The exit statuses every command documents.
package enum ExitStatus {
    /// Problems were found in the input (errors, or warnings under `--strict`).
    package static let problemsFound = ExitCode(1)
    /// The command line was wrong, or an input could not be read: neither clean nor a verdict (EX_USAGE).
    package static let usageOrIO = ExitCode(64)
}
