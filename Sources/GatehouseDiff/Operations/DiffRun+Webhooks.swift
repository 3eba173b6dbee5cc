import GatehouseJSON
import GatehouseSpec

extension DiffRun {
    /// Webhooks (OpenAPI 3.1), matched by name and method. The roles are those of operations turned around: the API
    /// sends the request and the subscriber answers, so a payload is compared as a response (widening breaks
    /// subscribers) and a subscriber's answer as a request (narrowing breaks them).
    mutating func compareWebhooks() {
        var revisionByKey: [String: Operation] = [:]
        for hook in revision.model.webhooks { revisionByKey["\(hook.method.rawValue) \(hook.path.raw)"] = hook }
        var baseKeys = Set<String>()
        for before in base.model.webhooks {
            let key = "\(before.method.rawValue) \(before.path.raw)"
            baseKeys.insert(key)
            operation = OperationRef(method: before.method.rawValue, path: before.path.raw, id: before.id)
            defer { operation = nil }
            guard let after = revisionByKey[key] else {
                report(
                    DiffRules.webhookRemoved, "webhook '\(before.path.raw)' (\(before.method.rawValue)) was removed",
                    at: base.place(before.address, key: true), note: "the revision's webhooks",
                    noteAt: revision.place(revision.document.rootAddress(JSONPointer.root.appending("webhooks"))))
                continue
            }
            comparePayloads(before, after)
        }
        for after in revision.model.webhooks where !baseKeys.contains("\(after.method.rawValue) \(after.path.raw)") {
            operation = OperationRef(method: after.method.rawValue, path: after.path.raw, id: after.id)
            report(
                DiffRules.webhookAdded, "webhook '\(after.path.raw)' (\(after.method.rawValue)) was added",
                at: revision.place(after.address, key: true), note: "the base's webhooks",
                noteAt: base.place(base.document.rootAddress(JSONPointer.root.appending("webhooks"))))
            operation = nil
        }
    }

    private mutating func comparePayloads(_ before: Operation, _ after: Operation) {
        let name = "webhook '\(after.path.raw)'"
        for oldMedia in before.requestBody?.content ?? [] {
            guard let newMedia = after.requestBody?.content.first(where: { Self.sameMediaType($0, oldMedia) }),
                let oldSchema = oldMedia.schema?.address, let newSchema = newMedia.schema?.address
            else { continue }
            compareSchemas(
                oldSchema, newSchema, .response, SchemaPlace(owner: "the '\(newMedia.name)' payload of \(name)"))
        }
        for old in before.responses {
            guard let new = after.responses.first(where: { $0.status == old.status }) else { continue }
            for oldMedia in old.content {
                guard let newMedia = new.content.first(where: { Self.sameMediaType($0, oldMedia) }),
                    let oldSchema = oldMedia.schema?.address, let newSchema = newMedia.schema?.address
                else { continue }
                let owner = "the '\(newMedia.name)' answer \(new.status) to \(name)"
                compareSchemas(oldSchema, newSchema, .request, SchemaPlace(owner: owner))
            }
        }
    }
}
