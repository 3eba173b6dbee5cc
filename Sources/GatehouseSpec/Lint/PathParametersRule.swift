/// Path template parameters and declared `in: path` parameters must agree: each `{name}` declared, each declared one
/// used, each one `required: true`.
struct PathParametersRule: LintRule {
    func check(_ model: APIModel) -> [Diagnostic] {
        let document = model.document
        var diagnostics: [Diagnostic] = []
        var reported = Set<NodeAddress>()
        for item in model.pathItems {
            let template = item.path
            if let problem = template.problem {
                diagnostics.append(
                    Diagnostic(
                        .pathParams,
                        problem,
                        at: document.location(of: item.keyAddress, key: true),
                        pointer: item.keyAddress.pointer
                    )
                )
                continue
            }
            let names = template.parameterNames
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                diagnostics.append(
                    Diagnostic(
                        .pathParams,
                        "path template '\(template)' uses parameter '\(name)' more than once",
                        at: document.location(of: item.keyAddress, key: true),
                        pointer: item.keyAddress.pointer
                    )
                )
            }
            for index in item.operationIndices {
                let operation = model.operations[index]
                let declared = operation.parameters(in: .path)
                for name in seen.sorted(by: { names.firstIndex(of: $0)! < names.firstIndex(of: $1)! })
                where !declared.contains(where: { $0.name == name }) {
                    diagnostics.append(
                        Diagnostic(
                            .pathParams,
                            "path parameter '\(name)' of '\(template)' is not declared by operation '\(operation.id)'; expected a parameter with 'in: path' and 'name: \(name)'",
                            at: document.location(of: operation.address, key: true),
                            pointer: operation.address.pointer
                        )
                    )
                }
                for parameter in declared where reported.insert(parameter.declaredAt).inserted {
                    if !seen.contains(parameter.name) {
                        diagnostics.append(
                            Diagnostic(
                                .pathParams,
                                "path parameter '\(parameter.name)' is declared but '\(template)' has no '{\(parameter.name)}'",
                                at: document.location(of: parameter.declaredAt),
                                pointer: parameter.declaredAt.pointer
                            )
                        )
                    } else if !parameter.required {
                        let requiredAddress = parameter.address.appending("required")
                        let hasRequired = document.value(at: requiredAddress) != nil
                        diagnostics.append(
                            Diagnostic(
                                .pathParams,
                                "path parameter '\(parameter.name)' must have 'required: true'",
                                at: document.location(of: hasRequired ? requiredAddress : parameter.address),
                                pointer: (hasRequired ? requiredAddress : parameter.address).pointer
                            )
                        )
                    }
                }
            }
        }
        return diagnostics
    }
}
