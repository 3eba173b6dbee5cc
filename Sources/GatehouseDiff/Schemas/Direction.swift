/// Which way a schema is read: what a request accepts, or what a response returns.
enum Direction: Hashable {
    case request
    case response
}
