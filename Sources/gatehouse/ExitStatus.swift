import ArgumentParser

/// The exit statuses every command documents.
enum ExitStatus {
    /// Problems were found in the input (errors, or warnings under `--strict`).
    static let problemsFound = ExitCode(1)
    /// The command line was wrong, or an input could not be read: neither clean nor a verdict (EX_USAGE).
    static let usageOrIO = ExitCode(64)
}
