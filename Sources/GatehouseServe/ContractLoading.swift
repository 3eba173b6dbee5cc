import ArgumentParser
import GatehouseRuntime
package import GatehouseSpec

/// Loads the contract a command works from, refusing it (with its diagnostics) when it has errors.
package enum ContractLoading {
    /// The front end's output for `spec`, whose model is usable; otherwise the diagnostics are printed and the
    /// command exits (64 when the file cannot be read, 1 when it has errors). `purpose` ends the refusal sentence:
    /// "before serving it". Errors of the `deferred` rules do not stop the command: it reports them itself.
    package static func load(_ spec: String, purpose: String, deferring deferred: Set<String> = []) throws -> (
        model: APIModel, output: SpecFrontEnd.Output
    ) {
        let loaded: ContractLoader.Loaded
        do {
            loaded = try ContractLoader(configuration: .init(deferredRules: deferred)).load(path: spec)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        guard let model = loaded.model, loaded.isServable else {
            StandardError.write(loaded.refusal(path: spec, purpose: purpose))
            throw ExitStatus.problemsFound
        }
        return (model, loaded.output)
    }
}
