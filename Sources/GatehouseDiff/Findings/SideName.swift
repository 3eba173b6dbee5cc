/// Which of the two documents a schema is in.
enum SideName: Hashable {
    case base
    case revision
}
