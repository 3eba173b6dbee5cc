import GatehouseJSON
import GatehouseSpec
import GatehouseValidation

extension APIGatewayMockIntegration {
    /// Warns where the integration's answers break the contract: a status the operation does not declare, a template
    /// of a media type the response does not declare, a static JSON body that does not match the schema. API Gateway
    /// would send them all the same, and so does the engine, but the contract's users should know.
    func check(
        against operation: Operation, at address: NodeAddress, builder: MockPlanBuilder, findings: inout [Diagnostic]
    ) {
        for response in responses {
            let at = address.appending("responses").appending(response.key)
            let subject = "integration response '\(response.key)' of '\(operation.id)'"
            guard let status = response.status else {
                findings.append(
                    builder.warning("mock-integration", "\(subject) has no 'statusCode' from 100 to 599", at: at))
                continue
            }
            guard let declared = operation.response(for: status) else {
                findings.append(
                    builder.warning(
                        "mock-integration", "\(subject) answers status \(status), which is not declared", at: at))
                continue
            }
            for (mediaType, template) in response.templates {
                let match = declared.content.first { $0.mediaType.map { $0.essence == mediaType.essence } ?? false }
                guard let match else {
                    if !declared.content.isEmpty {
                        findings.append(
                            builder.warning(
                                "mock-integration",
                                "\(subject) answers '\(mediaType.essence)', which response \(declared.status) does not declare",
                                at: at))
                    }
                    continue
                }
                guard mediaType.isJSON, let bytes = template.staticBytes,
                    let schema = builder.compiled(match.schema, findings: &findings)
                else { continue }
                let problem: String?
                do {
                    problem = builder.violation(try JSONParser.parse(bytes), schema)
                } catch {
                    problem = "it is not JSON: \(error.message)"
                }
                if let problem {
                    findings.append(
                        builder.warning(
                            "mock-integration",
                            "the '\(mediaType.essence)' template of \(subject) does not match response \(declared.status): \(problem)",
                            at: at))
                }
            }
        }
    }
}
