import Foundation
import GatehouseCodegen
import GatehouseJSON
import GatehouseSpec
import Testing

/// `--templates DIR`: a user's Mustache templates replace the defaults.
@Suite struct DocsTemplateTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-templates-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return directory
    }

    @Test func aCustomOperationTemplateReplacesTheDefaultInsideTheDefaultPage() throws {
        let directory = try Self.folder([
            "operation.mustache":
                "<article id=\"{{anchor}}\"><h3>{{method}} {{path}}</h3>{{{descriptionHTML}}}</article>\n"
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let templates = try HTMLDocsGenerator.Configuration.templates(in: directory)
        let html = try DocsTestSupport.page(
            try DocsTestSupport.model(path: "specs/todo.yaml"), configuration: .init(templates: templates))
        #expect(html.contains("<article id=\"operation/createList\"><h3>POST /lists</h3><p>Creates an empty list."))
        #expect(!html.contains("Code samples"))
        #expect(html.contains("<nav id=\"nav\""))  // The default page is kept.
    }

    @Test func aCustomPageSeesTheDocumentedFields() throws {
        let index = """
            <!DOCTYPE html><html lang="en"><head><title>{{title}}</title><style>{{{style}}}</style></head><body><main>
            {{#tags}}<h2>{{name}}</h2>{{#operations}}<p>{{method}} {{path}} {{id}}{{#summary}} — {{.}}{{/summary}}</p>{{/operations}}{{/tags}}
            {{#schemas}}<h3 id="{{anchor}}">{{name}}</h3>{{/schemas}}
            </main></body></html>
            """
        let directory = try Self.folder(["index.mustache": index])
        defer { try? FileManager.default.removeItem(at: directory) }
        let html = try DocsTestSupport.page(
            try DocsTestSupport.model(path: "specs/todo.yaml"),
            configuration: .init(templates: try HTMLDocsGenerator.Configuration.templates(in: directory)))
        #expect(html.contains("<title>Gatehouse To-do</title>"))
        #expect(html.contains("<h2>lists</h2><p>GET /lists listLists — List to-do lists</p>"))
        #expect(html.contains("<h3 id=\"schema/TodoList\">TodoList</h3>"))
        #expect(HTMLChecker(html).problems == [])
    }

    @Test func badTemplatesAreReportedNotRendered() throws {
        let broken = try Self.folder(["index.mustache": "{{#tags}}never closed"])
        defer { try? FileManager.default.removeItem(at: broken) }
        let model = try DocsTestSupport.model(path: "specs/petstore.yaml")
        let error = try #require(throws: HTMLDocsError.self) {
            _ = try HTMLDocsGenerator(
                configuration: .init(templates: try HTMLDocsGenerator.Configuration.templates(in: broken))
            ).generate(model)
        }
        #expect(error.code == .invalidTemplate)
        #expect(error.message.hasPrefix("template 'index' does not parse"))

        let looping = try #require(throws: HTMLDocsError.self) {
            _ = try HTMLDocsGenerator(
                configuration: .init(templates: ["operation": "{{> media}}", "media": "<p>{{> operation }}</p>"])
            ).generate(model)
        }
        #expect(looping.code == .invalidTemplate)
        #expect(looping.message == "template 'operation' includes itself: 'operation' -> 'media' -> 'operation'")

        let empty = try Self.folder([:])
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = try #require(throws: HTMLDocsError.self) {
            _ = try HTMLDocsGenerator.Configuration.templates(in: empty)
        }
        #expect(missing.code == .unreadableTemplate)
    }
}
