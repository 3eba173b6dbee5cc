import ArgumentParser
import GatehouseJSON
import GatehouseSpec

/// Loads the contract a command works from, refusing it (with its diagnostics) when it has errors.
enum ContractLoading {
    /// The front end's output for `spec`, whose model is usable; otherwise the diagnostics are printed and the
    /// command exits (64 when the file cannot be read, 1 when it has errors). `purpose` ends the refusal sentence:
    /// "before serving it". Errors of the `deferred` rules do not stop the command: it reports them itself.
    static func load(_ spec: String, purpose: String, deferring deferred: Set<String> = []) throws -> (
        model: APIModel, output: SpecFrontEnd.Output
    ) {
        let output: SpecFrontEnd.Output
        do {
            output = try SpecFrontEnd().run(path: spec)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        let stops = output.diagnostics.contains { $0.severity == .error && !deferred.contains($0.rule) }
        guard let model = output.model, !stops else {
            StandardError.write(TextRenderer(sources: output.sources).render(output.diagnostics))
            StandardError.write("error: '\(spec)' has errors; fix them (gatehouse check) \(purpose)\n")
            throw ExitStatus.problemsFound
        }
        return (model, output)
    }
}
