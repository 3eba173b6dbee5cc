/// What the mock engine answers for one request.
///
/// Either way there is a response to write: a problem carries its own `application/problem+json` answer, so a server
/// can send `outcome.response` and look at `problem` only to log or count it.
package enum MockOutcome: Sendable, Hashable {
    /// The contract answers the request: a declared status, an acceptable media type, a valid body.
    case served(MockResponse)
    /// The request asks for something the contract cannot give (an undeclared status, an unknown example, no
    /// acceptable media type), or the contract has nothing to give.
    case problem(MockProblem)

    /// The response to send.
    package var response: MockResponse {
        switch self {
        case .served(let response): return response
        case .problem(let problem): return problem.response
        }
    }

    /// The problem, when the request could not be answered as asked.
    package var problem: MockProblem? {
        if case .problem(let problem) = self { return problem }
        return nil
    }
}
