/// The schemas and seed instances of `CompiledSchemaBytesTests`.
extension CompiledSchemaBytesTests {
    /// The first item of bench-validation/repositories-100.json.
    static let repositorySeed = #"""
        {"id": 1000, "node_id": "MDEwOlJlcG9zaXRvcnk000000", "name": "project_0.server", "full_name": "user-15467/project_0.server", "private": false, "owner": {"login": "user-15467", "id": 4342443, "node_id": "MDQ6VXNlcj000000", "avatar_url": "https://avatars.githubusercontent.com/u/0?v=4", "gravatar_id": "", "url": "https://api.github.com/users/user-15467", "html_url": "https://github.com/user-15467", "type": "Organization", "site_admin": false}, "html_url": "https://github.com/user-15467/project_0.server", "description": "sit adipiscing sed adipiscing ut ipsum consectetur adipiscing labore amet ut ut do sed consectetur", "fork": true, "url": "https://api.github.com/repos/user-15467/project_0.server", "clone_url": "https://github.com/user-15467/project_0.server.git", "homepage": "https://example.org/0", "created_at": "2012-09-10T18:44:35Z", "updated_at": "2011-11-21T11:16:02Z", "pushed_at": "2016-10-19T06:29:03Z", "size": 306397, "stargazers_count": 62459, "watchers_count": 34466, "forks_count": 5014, "open_issues_count": 209, "language": "Python", "has_issues": true, "has_projects": true, "has_wiki": true, "has_pages": false, "archived": false, "disabled": false, "license": {"key": "mit", "name": "MIT License", "spdx_id": "MIT", "url": "https://api.github.com/licenses/mit"}, "topics": ["cli", "swift"], "visibility": "public", "default_branch": "master", "score": 63.866, "permissions": {"admin": false, "maintain": false, "push": false, "triage": false, "pull": true}}
        """#

    /// Keywords the one pass checks itself next to the ones it hands to the tree walk (`oneOf`, `not`, `if`,
    /// `uniqueItems`, `contains`, `propertyNames`, `dependentRequired`, `unevaluatedProperties`, object enums).
    static let keywordsSchema = #"""
        {
          "$defs": {"node": {"type": "object", "properties": {"value": {"type": "integer"}, "next": {"$ref": "#/$defs/node"}}, "required": ["value"]}},
          "type": "object",
          "properties": {
            "id": {"type": "integer", "minimum": 1, "multipleOf": 1},
            "price": {"type": "number", "multipleOf": 0.0025, "exclusiveMaximum": 1000},
            "name": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[a-zé ]+$"},
            "state": {"enum": ["open", "closed", null, 3]},
            "kind": {"const": "octocat"},
            "when": {"type": "string", "format": "date-time"},
            "link": {"type": ["string", "null"], "format": "uri", "maxLength": 40},
            "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true, "maxItems": 4},
            "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}], "items": false, "minItems": 2},
            "either": {"anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 3}, {"type": "object", "required": ["a"]}]},
            "one": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 0}]},
            "both": {"allOf": [{"type": "string"}, {"minLength": 1}]},
            "notNull": {"not": {"type": "null"}},
            "cond": {"if": {"type": "integer"}, "then": {"minimum": 10}, "else": {"type": "string"}},
            "list": {"$ref": "#/$defs/node"},
            "meta": {"type": "object", "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": {"type": "integer"}, "propertyNames": {"maxLength": 6}, "minProperties": 1},
            "deps": {"type": "object", "dependentRequired": {"a": ["b"]}, "unevaluatedProperties": false, "properties": {"a": true, "b": true}},
            "objEnum": {"enum": [{"a": 1}, [1, 2]]},
            "contains": {"type": "array", "contains": {"const": 1}},
            "free": {}
          },
          "required": ["id", "name"],
          "additionalProperties": false
        }
        """#

    static let keywordsSeed = #"""
        {"id": 3, "price": 2.5, "name": "ab é", "state": null, "kind": "octocat", "when": "2011-01-26T19:01:12Z",
         "link": "https://github.com/octocat", "tags": ["a", "b"], "pair": [1, "x"], "either": "abc", "one": -1,
         "both": "x", "notNull": 0, "cond": 12, "list": {"value": 1, "next": {"value": 2}},
         "meta": {"x-a": "s", "b": 2}, "deps": {"a": 1, "b": 2}, "objEnum": {"a": 1}, "contains": [0, 1],
         "free": {"any": [1, {"thing": "at all"}], "ünïcode": "\u00e9"}}
        """#

    /// 70 properties, all required (the bit mask covers 64), and one required name that is not a property.
    static let wideSchema: String = {
        let names = (0..<70).map { "p\($0)" }
        let properties = names.map { #""\#($0)": {"type": "integer"}"# }.joined(separator: ", ")
        let required = (names + ["other"]).map { #""\#($0)""# }.joined(separator: ", ")
        return #"{"type": "object", "properties": {\#(properties)}, "required": [\#(required)]}"#
    }()

    static let wideSeed: String = {
        let members = (0..<70).map { #""p\#($0)": \#($0)"# } + [#""other": "x""#]
        return "{" + members.reversed().joined(separator: ", ") + "}"
    }()

    static let petDocument = """
        openapi: 3.0.3
        info: {title: pets, version: "1"}
        paths: {}
        components:
          schemas:
            Pet:
              type: object
              required: [id, name, password, kind]
              properties:
                id: {type: integer, format: int64, readOnly: true}
                name: {type: string, minLength: 1}
                password: {type: string, writeOnly: true}
                tag: {type: string, nullable: true}
                kind: {$ref: '#/components/schemas/Kind'}
                owner:
                  nullable: true
                  allOf: [{$ref: '#/components/schemas/Owner'}]
                animal:
                  oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
                  discriminator: {propertyName: type}
            Kind: {type: string, enum: [cat, dog]}
            Owner: {type: object, properties: {login: {type: string}}, required: [login]}
            Cat: {type: object, required: [type], properties: {type: {type: string}, meows: {type: boolean}}}
            Dog: {type: object, required: [type], properties: {type: {type: string}, barks: {type: boolean}}}
        """

    static let petRequestSeed = #"""
        {"name": "rex", "password": "secret", "kind": "dog", "tag": null, "owner": {"login": "o"},
         "animal": {"type": "Dog", "barks": true}}
        """#

    static let petResponseSeed = #"""
        {"id": 7, "name": "rex", "kind": "dog", "tag": "good", "owner": {"login": "o"},
         "animal": {"type": "Cat", "meows": false}}
        """#
}
