import Foundation
import GatehouseDiff
import GatehouseSpec
import Testing

/// BASE as a git revision: read with `git show`, its external `$ref`s resolved within the same revision.
struct GitRevisionTests {
    static let api = """
        openapi: 3.0.3
        info: {title: Pets, version: 1.0.0}
        paths:
          /pets:
            get:
              operationId: listPets
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {$ref: 'schemas/pet.yaml'}
        """

    static func git(_ arguments: [String], in directory: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.com"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "git \(arguments)")
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func aRevisionAsBaseReadsItsReferencedFilesFromThatRevision() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-diff-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.git(["init", "-q"], in: directory)
        try Self.write(Self.api, to: directory + "/specs/api.yaml")
        try Self.write(
            "type: object\nrequired: [id, name]\nproperties:\n  id: {type: integer}\n  name: {type: string}\n",
            to: directory + "/specs/schemas/pet.yaml")
        try Self.git(["add", "."], in: directory)
        try Self.git(["commit", "-q", "-m", "base"], in: directory)
        // The working tree changes the referenced file only: the committed one must be what BASE reads.
        try Self.write(
            "type: object\nrequired: [id]\nproperties:\n  id: {type: integer}\n  name: {type: string}\n",
            to: directory + "/specs/schemas/pet.yaml")

        let reader = ContractReader(directory: directory)
        let input = try ContractInput("HEAD:specs/api.yaml", directory: directory)
        #expect(input == .revision("HEAD", path: "specs/api.yaml"))
        let base = try #require(reader.load(input).side)
        let revision = try loadSide(directory + "/specs/api.yaml")
        let report = diff(base, revision)
        #expect(
            report.lines(removing: directory + "/") == [
                "specs/api.yaml:2:30: error: the change breaks clients (1 error) but info.version went from '1.0.0' to '1.0.0'; bump the major version [version-bump]",
                "  HEAD:specs/api.yaml:2:30: note: the base's version",
                "specs/schemas/pet.yaml:5:3: error: property 'name' of the 'application/json' body of response 200 of 'listPets' is no longer required [response-property-optional]",
                "  HEAD:specs/schemas/pet.yaml:2:11: note: required in the base",
            ])
    }

    @Test func anUnknownRevisionIsAReadErrorNamingIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatehouse-diff-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Self.git(["init", "-q"], in: directory)
        let reader = ContractReader(directory: directory)
        #expect(throws: SpecFileReader.ReadError.self) {
            try reader.load(try ContractInput("nope:specs/api.yaml", directory: directory))
        }
    }
}
