import GatehouseJSON

/// One check of the `TableStore` contract, written once and run against every backend.
///
/// Test targets run every check of `all` on a fresh store of their backend, typically with Swift Testing:
///
/// ```swift
/// @Test(arguments: TableStoreBehaviour.all)
/// func behaves(_ behaviour: TableStoreBehaviour) async throws {
///     try await behaviour.run(on: MemoryTableStore())
/// }
/// ```
///
/// A check throws `TableStoreBehaviour.Failure` when the store misbehaves. The library does not link a test
/// framework, so a server binary that links GatehouseStore does not carry one.
public struct TableStoreBehaviour: Sendable, CustomStringConvertible {
    /// What the check asserts, in words: the test's name.
    public let name: String
    private let body: @Sendable (any TableStore) async throws -> Void

    init(_ name: String, _ body: @escaping @Sendable (any TableStore) async throws -> Void) {
        self.name = name
        self.body = body
    }

    /// Runs the check on `store`, which should be empty.
    public func run(on store: any TableStore) async throws {
        try await body(store)
    }

    public var description: String { name }

    /// Every check, tables first, then items, queries, transactions and concurrency.
    public static var all: [TableStoreBehaviour] {
        tableChecks + itemChecks + conditionChecks + queryChecks + transactionChecks + guardedCreateChecks
    }

    /// A check that did not hold, with where in the suite it was asserted.
    public struct Failure: Error, CustomStringConvertible {
        /// What did not hold.
        public var message: String
        /// The suite's source file and line of the assertion.
        public var location: String

        public var description: String { "\(location): \(message)" }
    }
}

// Assertions for the checks: they throw a `Failure` that names the suite's line, so a report points at the check.
extension TableStoreBehaviour {
    static func expect(
        _ condition: Bool,
        _ message: @autoclosure () -> String,
        file: StaticString = #fileID,
        line: UInt = #line
    ) throws {
        if !condition { throw Failure(message: message(), location: "\(file):\(line)") }
    }

    static func expectEqual<Value: Equatable>(
        _ actual: Value,
        _ expected: Value,
        _ what: String,
        file: StaticString = #fileID,
        line: UInt = #line
    ) throws {
        if actual != expected {
            throw Failure(message: "\(what): expected \(expected), got \(actual)", location: "\(file):\(line)")
        }
    }

    /// Runs `body` and checks that it throws a `TableStoreError` with `code`; returns that error.
    @discardableResult
    static func expectError<Result>(
        _ code: TableStoreError.Code,
        _ what: String,
        file: StaticString = #fileID,
        line: UInt = #line,
        _ body: () async throws -> Result
    ) async throws -> TableStoreError {
        do {
            _ = try await body()
        } catch let error as TableStoreError {
            if error.code != code {
                throw Failure(message: "\(what): expected \(code), got \(error)", location: "\(file):\(line)")
            }
            return error
        } catch {
            throw Failure(message: "\(what): expected \(code), got \(error)", location: "\(file):\(line)")
        }
        throw Failure(message: "\(what): expected \(code), nothing was thrown", location: "\(file):\(line)")
    }

    /// Runs `body` and checks that it throws `conditionFailed` naming transaction action `position` (from 0).
    static func expectFailedAction(
        _ position: Int,
        _ what: String,
        file: StaticString = #fileID,
        line: UInt = #line,
        _ body: () async throws -> Void
    ) async throws {
        let error = try await expectError(.conditionFailed, what, file: file, line: line, body)
        let failed = error.failedAction.map(String.init) ?? "none"
        try expect(
            error.failedAction == position, "\(what): expected action \(position) to fail, got \(failed)",
            file: file, line: line)
    }

    /// Parses JSON text the suite writes by hand.
    static func object(_ text: String, file: StaticString = #fileID, line: UInt = #line) throws -> JSONObject {
        guard let object = (try? JSONParser.parse(Array(text.utf8)))?.objectValue else {
            throw Failure(message: "the suite's JSON literal is not an object", location: "\(file):\(line)")
        }
        return object
    }

    /// Every item of a query, following cursors page by page, with the number of pages.
    static func queryAll(
        _ store: any TableStore,
        table: String,
        _ query: TableQuery
    ) async throws -> (items: [JSONObject], pages: Int) {
        var query = query
        var items: [JSONObject] = []
        var pages = 0
        repeat {
            let page = try await store.query(table: table, query)
            items += page.items
            pages += 1
            query.cursor = page.cursor
            try expect(pages <= 10_000, "a query kept returning cursors")
        } while query.cursor != nil
        return (items, pages)
    }

    /// Every item of a scan, following cursors page by page, with the number of pages.
    static func scanAll(_ store: any TableStore, table: String, limit: Int?) async throws -> (
        items: [JSONObject], pages: Int
    ) {
        var cursor: TableCursor? = nil
        var items: [JSONObject] = []
        var pages = 0
        repeat {
            let page = try await store.scan(table: table, limit: limit, cursor: cursor)
            items += page.items
            pages += 1
            cursor = page.cursor
            try expect(pages <= 10_000, "a scan kept returning cursors")
        } while cursor != nil
        return (items, pages)
    }

    /// The number key values of `attribute` in `items`, for order checks.
    static func numbers(_ items: [JSONObject], _ attribute: String) -> [Int64] {
        items.compactMap { $0[attribute]?.numberValue?.int64 }
    }

    /// The string values of `attribute` in `items`, for order checks.
    static func strings(_ items: [JSONObject], _ attribute: String) -> [String] {
        items.compactMap { $0[attribute]?.stringValue }
    }
}

/// A small seeded generator (SplitMix64), so the suite's random inputs are the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
