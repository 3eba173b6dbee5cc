package import Logging

/// swift-log's `StreamLogHandler` on standard error, with its metadata kept aside until a line is written.
///
/// `StreamLogHandler` formats its metadata each time a key is set, and Hummingbird sets a request id on the logger of
/// every request: about 3 % of a request when nothing is logged at all. This handler stores the metadata and hands it
/// to a `StreamLogHandler` only to write a line, so the text is exactly `StreamLogHandler`'s.
package struct TextLogHandler: LogHandler {
    private var base: StreamLogHandler
    package var metadata: Logger.Metadata = [:]

    package init(label: String) {
        self.base = StreamLogHandler.standardError(label: label)
    }

    package var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var writer = base
        writer.metadata = metadata
        writer.log(event: event)
    }
}
