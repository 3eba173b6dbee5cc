import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseServe
import GatehouseSpec

extension GenerateCommand {
    /// Writes (or with `--check` compares) OUT/docs/index.html; true when `--check` found differences.
    func generateDocs(model: APIModel) throws -> Bool {
        var configuration = HTMLDocsGenerator.Configuration(tryItURL: tryIt)
        let files: [GeneratedFile]
        do {
            if let templates {
                configuration.templates = try HTMLDocsGenerator.Configuration.templates(
                    in: URL(fileURLWithPath: templates))
            }
            files = try HTMLDocsGenerator(configuration: configuration).generate(model)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        let folder = URL(fileURLWithPath: output).appendingPathComponent("docs")
        let destination = GeneratedOutput(directory: folder)
        if check {
            let drift = destination.drift(of: files)
            guard drift.isEmpty else {
                for item in drift {
                    StandardError.write(
                        "error: \(folder.appendingPathComponent(item.path).relativePath): \(item.kind.rawValue)\n")
                }
                StandardError.write(
                    "error: generated files are out of date; run 'gatehouse generate \(spec) --docs --out \(output)'\n")
                return true
            }
            print("\(folder.relativePath): up to date")
            return false
        }
        do {
            let written = try destination.write(files)
            for path in files.map(\.path).sorted() {
                let state = written.contains(path) ? "wrote" : "unchanged"
                print("\(state) \(folder.appendingPathComponent(path).relativePath)")
            }
        } catch {
            StandardError.write("error: cannot write to '\(folder.relativePath)': \(error)\n")
            throw ExitStatus.usageOrIO
        }
        return false
    }
}
