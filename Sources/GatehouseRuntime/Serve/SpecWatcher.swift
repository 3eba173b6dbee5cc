import Foundation
import GatehouseJSON
import GatehouseSpec
import GatehouseStore
import Logging
import ServiceLifecycle

/// `--watch`: polls the files of the spec and reloads the contract when one changes. A reload that fails keeps the
/// old contract serving and logs the diagnostics.
struct SpecWatcher: Service {
    let specPath: String
    let box: StateBox
    let configuration: RuntimeConfiguration
    let parts: CompiledContract.Parts
    let logger: Logger
    var interval: Duration = .milliseconds(300)

    func run() async throws {
        let initial = Self.stamps(of: Array(box.current.model.document.files.keys) + [specPath])
        await cancelWhenGracefulShutdown {
            var stamps = initial
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                let files = Array(box.current.model.document.files.keys) + [specPath]
                let current = Self.stamps(of: files)
                guard current != stamps else { continue }
                stamps = current
                reload()
            }
        }
    }

    func reload() {
        let loaded: ContractLoader.Loaded
        do {
            loaded = try ContractLoader().load(path: specPath)
        } catch {
            logger.error("reload failed; still serving the previous contract", metadata: ["error": "\(error)"])
            return
        }
        guard let model = loaded.model, loaded.isServable else {
            let rendered = loaded.rendered(errorsOnly: true)
            logger.error(
                "reload failed; still serving the previous contract",
                metadata: ["spec": .string(specPath), "diagnostics": .string(rendered)]
            )
            return
        }
        box.replace(with: CompiledContract(model: model, configuration: configuration, parts: parts))
        logger.info(
            "reloaded the contract",
            metadata: ["spec": .string(specPath), "operations": .stringConvertible(model.operations.count)]
        )
    }

    /// Modification time and size of each file, so an edit is seen even within one second.
    static func stamps(of paths: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for path in paths where path != SpecFileReader.stdinName {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let date = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
            result[path] = "\(date) \(size)"
        }
        return result
    }
}
