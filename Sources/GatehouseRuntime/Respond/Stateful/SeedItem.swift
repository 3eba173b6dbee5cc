package import GatehouseJSON
package import GatehouseSpec

/// One item to seed into a mock table, and where it was written (for messages).
package struct SeedItem: Sendable {
    /// The mock table.
    package var table: String
    /// The item as the API shows it (its id included).
    package var item: JSONObject
    /// `file:line` or `file:line:col` of the item.
    package var origin: String

    package init(table: String, item: JSONObject, origin: String) {
        self.table = table
        self.item = item
        self.origin = origin
    }

    /// The items of the contract's top-level `x-gatehouse-seed`: an object whose members name mock tables and hold
    /// arrays of items, `{todos: [{id: 1, title: Milk}, …]}`. They were read when the model was built
    /// (`APIModel.gateway.seeds`); the problems are the front end's `gateway-seed` diagnostics of their shape.
    package static func fromContract(_ model: APIModel) -> (items: [SeedItem], problems: [SeedProblem]) {
        let document = model.document
        let items = model.gateway.seeds.map { seed in
            SeedItem(table: seed.table, item: seed.item, origin: document.location(of: seed.address).description)
        }
        let problems = model.gateway.diagnostics.filter { $0.rule == Rule.gatewaySeed.id }.map { diagnostic in
            SeedProblem(diagnostic.location?.description ?? document.rootFile, diagnostic.message)
        }
        return (items, problems)
    }

    /// The items of a seed file in JSON lines: one `{"table": "todos", "item": {…}}` per line; blank lines are
    /// skipped.
    package static func fromJSONLines(_ bytes: [UInt8], file: String) -> (items: [SeedItem], problems: [SeedProblem]) {
        var items: [SeedItem] = []
        var problems: [SeedProblem] = []
        for (number, line) in JSONLines.split(bytes) {
            let origin = "\(file):\(number)"
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                problems.append(SeedProblem("\(file):\(number):\(error.column)", "invalid JSON: \(error.message)"))
                continue
            }
            guard let object = value.objectValue, let table = object["table"]?.stringValue,
                let item = object["item"]?.objectValue
            else {
                problems.append(
                    SeedProblem(origin, #"a seed line must be an object {"table": "NAME", "item": {…}}"#))
                continue
            }
            items.append(SeedItem(table: table, item: item, origin: origin))
        }
        return (items, problems)
    }
}

/// A problem with one seed item, printed as a compiler prints one: `seed.jsonl:3: error: …`.
package struct SeedProblem: Error, Sendable, CustomStringConvertible {
    /// `file:line` or `file:line:col`.
    package var origin: String
    /// A sentence for people: lowercase first word, names in single quotes.
    package var message: String

    package init(_ origin: String, _ message: String) {
        self.origin = origin
        self.message = message
    }

    package var description: String { "\(origin): error: \(message)" }
}

/// Splits JSON lines: the 1-based number and bytes of each line that is not blank (a trailing `\r` is dropped).
package enum JSONLines {
    package static func split(_ bytes: [UInt8]) -> [(number: Int, line: [UInt8])] {
        var result: [(Int, [UInt8])] = []
        var number = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var line = Array(line)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            result.append((number, line))
        }
        return result
    }
}
