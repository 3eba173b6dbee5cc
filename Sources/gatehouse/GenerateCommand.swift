import ArgumentParser
import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseServe
import GatehouseSpec

/// `gatehouse generate`: the Swift client package, server stubs and HTML docs for a contract, written or
/// drift-checked.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a Swift client package, Swift server stubs and an HTML reference from an OpenAPI document.",
        discussion: """
            Writes OUT/Client (a SwiftPM package: Package.swift and Sources/<name>Client) and \
            OUT/Server/Sources/<name>Server (the <name>APIProtocol stubs for GatehouseRuntime), and with --docs \
            OUT/docs/index.html: one self-contained page (inline CSS and script, no requests to anything) with \
            navigation and search, every operation, schema and example, and curl and Swift client snippets. With \
            none of --client, --server and --docs, both Swift outputs are generated. The output is deterministic; \
            each Swift file's header names the command that regenerates it.

            --templates DIR replaces the page's Mustache templates with DIR's index.mustache, operation.mustache \
            and media.mustache (any of them; the others keep the defaults). See the README for the fields.

            Schemas without a faithful Swift type are generated as JSONValue and reported as \
            'codegen-fallback' warnings on standard error.

            Exit status: 0 done (or, with --check, nothing would change), 1 the contract has errors (or, with \
            --check, files would change), 64 usage error or unreadable file.
            """
    )

    @Argument(help: "The OpenAPI document (YAML or JSON).")
    var spec: String

    @Option(name: .customLong("out"), help: "The output folder.")
    var output: String

    @Flag(help: "Generate the client package.")
    var client = false

    @Flag(help: "Generate the server stubs.")
    var server = false

    @Flag(help: "Generate the HTML reference (OUT/docs/index.html).")
    var docs = false

    @Option(help: "A folder of Mustache templates replacing the default docs templates.")
    var templates: String?

    @Option(name: .customLong("try-it"), help: "Add a form to each docs operation that sends its request to this URL.")
    var tryIt: String?

    @Option(help: "The module base name (<name>Client, <name>Server); defaults from info.title.")
    var name: String?

    @Option(help: "Access level of the generated declarations: public or internal.")
    var access: String = "public"

    var accessLevel: SwiftGenerator.Configuration.AccessLevel { .init(rawValue: access) ?? .public }

    @Option(
        name: .customLong("include-tags"), parsing: .upToNextOption,
        help: "Only operations with one of these tags (and the schemas they use).")
    var includeTags: [String] = []

    @Option(
        name: .customLong("include-operations"), parsing: .upToNextOption,
        help: "Only these operation ids (and the schemas they use).")
    var includeOperations: [String] = []

    @Flag(help: "Write nothing; list the files that would change and exit 1 if any would.")
    var check = false

    mutating func validate() throws {
        if !docs && (templates != nil || tryIt != nil) {
            throw ValidationError("--templates and --try-it shape the HTML docs; add --docs")
        }
        if let name, !SwiftGenerator.isValidName(name) {
            throw ValidationError("--name '\(name)' is not a Swift identifier of letters and digits")
        }
        guard SwiftGenerator.Configuration.AccessLevel(rawValue: access) != nil else {
            throw ValidationError("--access must be public or internal, not '\(access)'")
        }
        if accessLevel == .internal && (server || (!client && !docs)) {
            throw ValidationError(
                "--access internal needs --client alone: the server stubs use the client module's public types")
        }
    }

    /// The Swift outputs are generated when asked for, or when no output is named at all.
    var generatesSwift: Bool { client || server || !docs }

    func run() throws {
        let (model, frontEnd) = try ContractLoading.load(spec, purpose: "before generating code from it")
        var drifted = false
        if generatesSwift {
            drifted = try generateSwift(model: model, frontEnd: frontEnd) || drifted
        }
        if docs {
            drifted = try generateDocs(model: model) || drifted
        }
        if drifted { throw ExitStatus.problemsFound }
    }

    /// Writes (or with `--check` compares) the Swift client and server; true when `--check` found differences.
    func generateSwift(model: APIModel, frontEnd: SpecFrontEnd.Output) throws -> Bool {
        let generateBoth = !client && !server
        let configuration = SwiftGenerator.Configuration(
            name: name ?? SwiftGenerator.defaultName(for: model),
            access: accessLevel,
            client: client || generateBoth,
            server: server || generateBoth,
            includeTags: includeTags,
            includeOperations: includeOperations,
            command: commandLine
        )
        let result: SwiftGenerator.Output
        do {
            result = try SwiftGenerator(configuration: configuration).generate(model)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitStatus.usageOrIO
        }
        if !result.diagnostics.isEmpty {
            StandardError.write(TextRenderer(sources: frontEnd.sources).render(result.diagnostics))
        }
        let destination = GeneratedOutput(directory: URL(fileURLWithPath: output))
        let stale = staleFiles(keeping: result.files, configuration: configuration)
        if check {
            let drift = destination.drift(of: result.files).map(\.description) + stale.map { "\($0): would be removed" }
            guard drift.isEmpty else {
                for entry in drift { print("\(output)/\(entry)") }
                StandardError.write(
                    "error: \(drift.count) generated file\(drift.count == 1 ? "" : "s") in '\(output)' \(drift.count == 1 ? "is" : "are") out of date; run: \(commandLine)\n"
                )
                return true
            }
            print("\(output): up to date (\(result.files.count) files)")
            return false
        }
        let written: [String]
        do {
            written = try destination.write(result.files)
            for path in stale {
                try FileManager.default.removeItem(atPath: output + "/" + path)
            }
        } catch {
            StandardError.write("error: cannot write to '\(output)': \(error)\n")
            throw ExitStatus.usageOrIO
        }
        print(
            "\(output): \(written.count) of \(result.files.count) files written (\(configuration.name)Client\(configuration.server ? ", \(configuration.name)Server" : ""))"
        )
        return false
    }

    /// Swift files under the generated module folders that this run does not generate (an operation or schema that
    /// was removed from the contract): `--check` reports them and a run removes them.
    func staleFiles(keeping files: [GeneratedFile], configuration: SwiftGenerator.Configuration) -> [String] {
        var folders: [String] = []
        if configuration.client { folders.append("Client/Sources/\(configuration.name)Client") }
        if configuration.server { folders.append("Server/Sources/\(configuration.name)Server") }
        let generated = Set(files.map(\.path))
        var stale: [String] = []
        for folder in folders {
            let root = output + "/" + folder
            guard let enumerator = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = folder + "/" + relative
                if relative.hasSuffix(".swift") && !generated.contains(path) { stale.append(path) }
            }
        }
        return stale.sorted()
    }

    /// The command that reproduces this output, for file headers: options in a fixed order, without `--check`.
    var commandLine: String {
        var parts = ["gatehouse", "generate", Self.normalized(spec), "--out", Self.normalized(output)]
        if client { parts.append("--client") }
        if server { parts.append("--server") }
        if let name { parts += ["--name", name] }
        if accessLevel != .public { parts += ["--access", access] }
        if !includeTags.isEmpty { parts += ["--include-tags"] + includeTags }
        if !includeOperations.isEmpty { parts += ["--include-operations"] + includeOperations }
        return parts.map(Self.shellQuoted).joined(separator: " ")
    }

    static func normalized(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./=:@+,".contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
