// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, a fresh clone, …).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let gatehouse = repository.lastPathComponent.lowercased()

// libFuzzer targets for what reads untrusted bytes: the JSON parser, the spec front end (YAML reader, structure,
// model, lint), the schema compiler and validator on random schemas and instances, parameter and body decoding
// (every style, form, multipart) and XML bodies. Built with `-sanitize=fuzzer,address` (toolset.json) by run.sh; each target's
// `main` hands its test function to libFuzzer (`LLVMFuzzerRunDriver`), since SwiftPM links an executable's `main`.
let fuzzTarget: [SwiftSetting] = []

let package = Package(
    name: "GatehouseFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: repository.path)
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .executableTarget(
            name: "FuzzJSON",
            dependencies: ["FuzzSupport", .product(name: "GatehouseJSON", package: gatehouse)],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzSpec",
            dependencies: ["FuzzSupport", .product(name: "GatehouseSpec", package: gatehouse)],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzSchema",
            dependencies: [
                "FuzzSupport", .product(name: "GatehouseJSON", package: gatehouse),
                .product(name: "GatehouseValidation", package: gatehouse),
            ],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzRequest",
            dependencies: [
                "FuzzSupport", .product(name: "GatehouseSpec", package: gatehouse),
                .product(name: "GatehouseValidation", package: gatehouse),
            ],
            swiftSettings: fuzzTarget),
        .executableTarget(
            name: "FuzzXML",
            dependencies: [
                "FuzzSupport", .product(name: "GatehouseSpec", package: gatehouse),
                .product(name: "GatehouseValidation", package: gatehouse),
            ],
            swiftSettings: fuzzTarget),
    ]
)
