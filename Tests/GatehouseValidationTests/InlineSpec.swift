import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

/// Inline OpenAPI documents for the decoding tests.
enum InlineSpec {
    /// The first operation of a document whose `paths` are given in YAML flow or block style.
    static func operation(_ paths: String, version: String = "3.1.0", components: String = "{}") -> (
        Operation, APIModel
    ) {
        let yaml = """
            openapi: \(version)
            info: {title: t, version: '1'}
            paths: \(paths)
            components: \(components)
            """
        let model = SpecFrontEnd().run(bytes: Array(yaml.utf8), path: "inline.yaml").model!
        return (model.operations[0], model)
    }

    /// A decoder for one GET operation with the given parameters (a YAML flow sequence).
    static func parameterDecoder(
        _ parameters: String, path: String = "/items", version: String = "3.1.0", components: String = "{}",
        strict: Bool = false
    ) -> ParameterDecoder {
        let (operation, model) = self.operation(
            "{'\(path)': {get: {parameters: \(parameters), responses: {'200': {description: ok}}}}}",
            version: version, components: components)
        return ParameterDecoder(
            operation: operation, document: model.document,
            configuration: .init(rejectsUnknownQueryParameters: strict))
    }
}

extension InlineSpec {
    /// A decoder for the request body of one POST operation with the given `content` (a YAML flow mapping).
    static func bodyDecoder(
        _ content: String, required: Bool = true, version: String = "3.1.0", components: String = "{}",
        configuration: BodyDecoder.Configuration = .init()
    ) -> BodyDecoder {
        let (operation, model) = self.operation(
            """
            {/items: {post: {requestBody: {required: \(required), content: \(content)},
                             responses: {'200': {description: ok}}}}}
            """,
            version: version, components: components)
        return BodyDecoder(requestBody: operation.requestBody, document: model.document, configuration: configuration)
    }
}

/// Parses expected values written as JSON text.
func json(_ text: String) -> JSONValue {
    try! JSONParser.parse(Array(text.utf8))
}
