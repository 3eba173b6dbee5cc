import GatehouseValidation

/// The gateway's own errors are RFC 9457 problem documents; `ProblemDocument` (in GatehouseValidation, so that
/// `gatehouse check` can hold a contract's error responses against the same shape) says how they look.
typealias Problem = ProblemDocument
