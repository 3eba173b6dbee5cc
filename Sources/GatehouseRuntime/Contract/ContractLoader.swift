package import GatehouseSpec
import GatehouseValidation

/// Loads a contract with the full rule set and says whether it may be served: the one place where `gatehouse
/// check`, `gatehouse serve`, `--watch` reloads and `Gateway.serve` read a spec.
///
/// The rules: the front end's (structure, references, lint, the gateway extensions), the examples against their
/// schemas (`example`), a value for every response schema (`unsatisfiable-schema`), the gateway's own error answers against the documented responses (`gateway-errors`), and,
/// when asked, what the mock engine cannot serve (`mock-integration` and the examples it skips). A contract may be
/// served when it has an API model and the front end found no error: the other rules describe answers, and
/// `serve` reports them without refusing.
package struct ContractLoader: Sendable {
    package struct Configuration: Sendable {
        package var frontEnd: SpecFrontEnd.Configuration
        /// Adds the mock engine's findings (they cost building every mock answer).
        package var includesMockFindings: Bool
        /// Rules whose errors do not stop serving: the caller reports them itself (`serve` words a malformed usage
        /// plan its own way).
        package var deferredRules: Set<String>

        package init(
            frontEnd: SpecFrontEnd.Configuration = .init(), includesMockFindings: Bool = false,
            deferredRules: Set<String> = []
        ) {
            self.frontEnd = frontEnd
            self.includesMockFindings = includesMockFindings
            self.deferredRules = deferredRules
        }
    }

    /// A contract as loaded: its model, every diagnostic in source order, and the sources to render them.
    package struct Loaded: Sendable {
        package var output: SpecFrontEnd.Output
        package var model: APIModel? { output.model }
        package var diagnostics: [Diagnostic] { output.diagnostics }
        /// Whether the contract may be served (or have code generated from it): a model and no front-end error.
        package let isServable: Bool

        /// The diagnostics as `gatehouse check` prints them (errors only when `errorsOnly`).
        package func rendered(errorsOnly: Bool = false) -> String {
            let shown = errorsOnly ? diagnostics.filter { $0.severity == .error } : diagnostics
            return TextRenderer(sources: output.sources).render(shown)
        }

        /// Why the contract at `path` cannot be served, as the CLI prints it: the diagnostics, then
        /// `error: 'PATH' has errors; fix them (gatehouse check) PURPOSE`.
        package func refusal(path: String, purpose: String? = nil) -> String {
            let suffix = purpose.map { " " + $0 } ?? ""
            return rendered() + "error: '\(path)' has errors; fix them (gatehouse check)\(suffix)\n"
        }
    }

    package var configuration: Configuration

    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Reads and checks the contract at `path` (`-` is standard input); throws only when it cannot be read.
    package func load(path: String) throws(SpecFileReader.ReadError) -> Loaded {
        check(try SpecFrontEnd(configuration: configuration.frontEnd).run(path: path))
    }

    /// Adds the rules beyond the front end to its output.
    package func check(_ frontEnd: SpecFrontEnd.Output) -> Loaded {
        var output = frontEnd
        let deferred = configuration.deferredRules
        let servable =
            output.model != nil
            && !output.diagnostics.contains { $0.severity == .error && !deferred.contains($0.rule) }
        guard let model = output.model else { return Loaded(output: output, isServable: false) }
        let disabled = configuration.frontEnd.disabledRules
        var diagnostics = output.diagnostics
        if !disabled.contains(Rule.example.id) { diagnostics += ExampleChecker(model: model).check() }
        if !disabled.contains(Rule.unsatisfiableSchema.id) {
            diagnostics += SatisfiabilityChecker(model: model).check()
        }
        if !disabled.contains(Rule.gatewayErrors.id) { diagnostics += GatewayErrorChecker(model: model).check() }
        if configuration.includesMockFindings {
            diagnostics += MockEngine(model: model).findings.filter { !disabled.contains($0.rule) }
        }
        output.diagnostics = diagnostics.sortedByLocation()
        return Loaded(output: output, isServable: servable)
    }
}
