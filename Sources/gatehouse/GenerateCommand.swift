import ArgumentParser
import Foundation
import GatehouseCodegen
import GatehouseSpec

/// `gatehouse generate`: writes what is derived from a contract into an output folder, or checks that it is
/// up to date.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate from an OpenAPI document: the HTML API reference (--docs).",
        discussion: """
            --docs writes OUT/docs/index.html: one self-contained page (inline CSS and script, no requests to \
            anything) with navigation and search, every operation, schema and example, and curl and Swift client \
            snippets. Output is deterministic; with --check nothing is written and the command fails when the \
            files on disk differ, for CI.

            --templates DIR replaces the page's Mustache templates with DIR's index.mustache, operation.mustache \
            and media.mustache (any of them; the others keep the defaults). See the README for the fields.

            Exit status: 0 written or up to date, 1 the document has errors or --check found differences, 64 usage \
            error or unreadable file.
            """
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String

    @Option(help: "The output folder; the docs go to OUT/docs/index.html.")
    var out: String

    @Flag(help: "Generate the HTML API reference.")
    var docs = false

    @Option(help: "A folder of Mustache templates replacing the default docs templates.")
    var templates: String?

    @Option(name: .customLong("try-it"), help: "Add a form to each operation that sends its request to this URL.")
    var tryIt: String?

    @Flag(help: "Write nothing; fail when the generated files differ from those in the output folder.")
    var check = false

    mutating func validate() throws {
        guard docs else { throw ValidationError("nothing to generate: pass --docs") }
    }

    func run() throws {
        let (model, _) = try ContractLoading.load(spec, purpose: "before generating from it")
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
        let folder = URL(fileURLWithPath: out).appendingPathComponent("docs")
        let output = GeneratedOutput(directory: folder)
        if check {
            let drift = output.drift(of: files)
            guard drift.isEmpty else {
                for item in drift {
                    StandardError.write(
                        "error: \(folder.appendingPathComponent(item.path).relativePath): \(item.kind.rawValue)\n")
                }
                StandardError.write(
                    "error: generated files are out of date; run 'gatehouse generate \(spec) --docs --out \(out)'\n")
                throw ExitStatus.problemsFound
            }
            print("\(folder.relativePath): up to date")
            return
        }
        do {
            let written = try output.write(files)
            for path in files.map(\.path).sorted() {
                let state = written.contains(path) ? "wrote" : "unchanged"
                print("\(state) \(folder.appendingPathComponent(path).relativePath)")
            }
        } catch {
            StandardError.write("error: cannot write to '\(folder.relativePath)': \(error.localizedDescription)\n")
            throw ExitStatus.usageOrIO
        }
    }
}
