public import GatehouseJSON

extension CompiledSchema {
    /// Whether `json` is one JSON text whose value is valid against the schema.
    ///
    /// The answer is the one of `JSONParser.parse(json, options: parserOptions)` followed by `isValid(_:options:)`
    /// (malformed text is not valid), but a valid text is checked in one pass over its bytes, with no tree built.
    public func isValid(
        json: [UInt8], options: ValidationOptions = ValidationOptions(),
        parserOptions: JSONParser.Options = JSONParser.Options()
    ) -> Bool {
        if isValidInOnePass(json, options: options, parserOptions: parserOptions) { return true }
        guard let value = try? JSONParser.parse(json, options: parserOptions) else { return false }
        return isValid(value, options: options)
    }

    /// Parses `json` and validates its value: the parser's syntax error, or every issue (empty when it is valid).
    ///
    /// The result is the one of `JSONParser.parse(json, options: parserOptions)` followed by
    /// `validate(_:options:)`, to the letter; a valid text costs one pass over its bytes and builds no tree, and only
    /// malformed or invalid text is parsed again for the details.
    public func validate(
        json: [UInt8], options: ValidationOptions = ValidationOptions(),
        parserOptions: JSONParser.Options = JSONParser.Options()
    ) throws(JSONParser.SyntaxError) -> [ValidationIssue] {
        if isValidInOnePass(json, options: options, parserOptions: parserOptions) { return [] }
        return validate(try JSONParser.parse(json, options: parserOptions), options: options)
    }

    /// `ByteValidator`'s answer: true only when the text is certainly well-formed and valid.
    func isValidInOnePass(_ json: [UInt8], options: ValidationOptions, parserOptions: JSONParser.Options) -> Bool {
        // The dynamic scope is kept by the tree walk only.
        guard !usesDynamicScope else { return false }
        return json.withUnsafeBufferPointer { buffer in
            var validator = ByteValidator(bytes: buffer, options: options, parserOptions: parserOptions)
            return validator.document(root)
        }
    }
}
