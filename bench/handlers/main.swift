// Compiled together with generated/todo/Client's sources (one module) by bench/handlers/run.sh.
//
// What a generated handler does with JSON per request, three ways: as generated before (coders built per call,
// an `ISO8601DateFormatter` built per date, `Legacy` below is a copy of that code), with coders built per call
// and today's date coding, and as generated now (one shared decoder and encoder, `HandlerCoding`). The work:
// decode a `TodoInput` body and an integer parameter, encode the `Todo` answer. Rounds alternate.
import Foundation

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 5_000 : 5_000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

let body = Data(
    #"{"title":"Buy oat milk","notes":"Barista edition","priority":"high","dueDate":"2024-05-10","tags":["dairy-free"],"reminder":{"at":"2024-05-09T08:00:00Z","channel":"push"}}"#
        .utf8)
let answer = Todo(
    id: "3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04", listId: 1, title: "Buy oat milk", notes: "Barista edition",
    status: .open, priority: .high, dueDate: CalendarDate("2024-05-10"), reminder: nil, tags: ["dairy-free"],
    attachments: [], completedAt: nil, createdAt: Date(timeIntervalSince1970: 1_714_556_400),
    updatedAt: Date(timeIntervalSince1970: 1_714_556_400))

/// The generated `JSONCoding` before: a new `ISO8601DateFormatter` for every date value.
enum Legacy {
    static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            let formatter = ISO8601DateFormatter()
            let seconds = date.timeIntervalSince1970
            if seconds != seconds.rounded(.down) {
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            }
            try container.encode(formatter.string(from: date))
        }
        return encoder
    }

    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            let formatter = ISO8601DateFormatter()
            if let date = formatter.date(from: text) { return date }
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            guard let date = formatter.date(from: text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date-time")
            }
            return date
        }
        return decoder
    }
}

enum Shared {
    static let decoder = JSONCoding.makeDecoder()
    static let encoder = JSONCoding.makeEncoder()
}

@inline(never)
func handle(decoder: JSONDecoder, encoder: JSONEncoder) throws -> Int {
    let input = try decoder.decode(TodoInput.self, from: body)
    let listId = try decoder.decode(Int64.self, from: Data("1".utf8))
    var todo = answer
    todo.title = input.title
    todo.listId = listId
    return try encoder.encode(todo).count
}

func measure(_ run: () throws -> Int) rethrows -> Double {
    let clock = ContinuousClock()
    var bytes = 0
    let elapsed = try clock.measure {
        for _ in 0..<iterations { bytes &+= try run() }
    }
    precondition(bytes > 0)
    let (seconds, attoseconds) = elapsed.components
    return (Double(seconds) + Double(attoseconds) / 1e18) / Double(iterations) * 1e9
}

var before: [Double] = []
var perCall: [Double] = []
var shared: [Double] = []
for _ in 0..<rounds {
    before.append(try measure { try handle(decoder: Legacy.makeDecoder(), encoder: Legacy.makeEncoder()) })
    perCall.append(try measure { try handle(decoder: JSONCoding.makeDecoder(), encoder: JSONCoding.makeEncoder()) })
    shared.append(try measure { try handle(decoder: Shared.decoder, encoder: Shared.encoder) })
}
let now = shared.min()!
for (label, times) in [
    ("before: coders per call, an ISO8601DateFormatter per date", before),
    ("coders per call, ISO8601 format styles", perCall),
    ("now: shared coders, ISO8601 format styles", shared),
] {
    let best = times.min()!
    print("| \(label) | \(String(format: "%.1f", best / 1000)) µs | \(String(format: "%.2f", best / now))x |")
}
