// Compiled together with generated/todo/Client's sources (one module) by bench/handlers/run.sh.
//
// What a generated handler does with JSON per request, twice: with coders built per call (the generated server
// code before) and with one shared decoder and encoder (`HandlerCoding`, now). The work: decode a `TodoInput`
// body and a `listId`-sized parameter, encode the `Todo` answer. Rounds alternate between the two.
import Foundation

let arguments = CommandLine.arguments
let iterations = arguments.count > 1 ? Int(arguments[1]) ?? 20_000 : 20_000
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5

let body = Data(
    #"{"title":"Buy oat milk","notes":"Barista edition","priority":"high","dueDate":"2024-05-10","tags":["dairy-free"],"reminder":{"at":"2024-05-09T08:00:00Z","channel":"push"}}"#
        .utf8)
let answer = Todo(
    id: "3f2c8a4e-9b1d-4c6e-8f0a-7d5b2e1c9a04", listId: 1, title: "Buy oat milk", notes: "Barista edition",
    status: .open, priority: .high, dueDate: CalendarDate("2024-05-10"), reminder: nil, tags: ["dairy-free"],
    attachments: [], completedAt: nil, createdAt: Date(timeIntervalSince1970: 1_714_556_400),
    updatedAt: Date(timeIntervalSince1970: 1_714_556_400))

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

var perCall: [Double] = []
var shared: [Double] = []
for _ in 0..<rounds {
    perCall.append(try measure { try handle(decoder: JSONCoding.makeDecoder(), encoder: JSONCoding.makeEncoder()) })
    shared.append(try measure { try handle(decoder: Shared.decoder, encoder: Shared.encoder) })
}
let bestPerCall = perCall.min()!
let bestShared = shared.min()!
print("| coders built per call (before) | \(Int(bestPerCall)) ns |")
print("| one shared decoder and encoder (now) | \(Int(bestShared)) ns |")
print("| ratio | \(String(format: "%.2f", bestPerCall / bestShared))x |")
