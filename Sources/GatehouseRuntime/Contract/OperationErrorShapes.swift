import GatehouseSpec
import GatehouseValidation
import HTTPTypes

/// The gateway's own errors for one operation, in the shape its contract documents: for each status the gateway may
/// answer by itself (400 for a request that breaks the contract, 401, 403, 406, 413, 415, 429, 5xx), the response the
/// operation documents for it (the exact status, else its range, else `default`) and how to write a problem in it
/// (`DocumentedErrorShape`). A status the operation does not document, or documents with content that cannot carry
/// an error, keeps `application/problem+json`.
///
/// Prepared when the contract is loaded; responses shared through `$ref` are prepared once (`Cache`).
struct OperationErrorShapes: Sendable {
    /// The statuses the gateway answers with by itself.
    static let gatewayStatuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 429, 500, 501, 502, 503, 504]

    private let shapes: [Int: DocumentedErrorShape]

    /// The documented responses' shapes, by the response's place in the document (one per `$ref`'d response).
    final class Cache {
        let synthesizer: ExampleSynthesizer
        private var shapes: [String: DocumentedErrorShape?] = [:]

        init(document: SpecDocument) {
            synthesizer = ExampleSynthesizer(document: document, configuration: .init(direction: .response))
        }

        func shape(of response: Response) -> DocumentedErrorShape? {
            let key = "\(response.address.file)#\(response.address.pointer.string)"
            if let known = shapes[key] { return known }
            let shape = DocumentedErrorShape(response: response, synthesizer: synthesizer)
            shapes[key] = .some(shape)
            return shape
        }
    }

    init(operation: Operation, cache: Cache) {
        var shapes: [Int: DocumentedErrorShape] = [:]
        for status in Self.gatewayStatuses {
            guard let response = operation.response(for: status), let shape = cache.shape(of: response) else {
                continue
            }
            shapes[status] = shape
        }
        self.shapes = shapes
    }

    /// `answer` with its problem written in the contract's shape, when the contract documents one for its status.
    func shaped(_ answer: GatewayAnswer) -> GatewayAnswer {
        guard let problem = answer.problem, let shape = shapes[answer.status] else { return answer }
        var shaped = answer
        shaped.problem = nil
        guard let body = shape.body(for: problem) else { return shaped }
        shaped.headers[.contentType] = shape.contentType
        shaped.body = body
        return shaped
    }
}
