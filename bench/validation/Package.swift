// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, a fresh clone, …).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let gatehouse = repository.lastPathComponent.lowercased()

// Times Gatehouse's schema validation on the GitHub-like repository schema and its 100-item instance
// (../shared/testdata/bench-validation); run.sh times jsonschema-rs on the same data in the same run.
let package = Package(
    name: "ValidationBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: repository.path)
    ],
    targets: [
        .executableTarget(
            name: "ValidationBench",
            dependencies: [
                .product(name: "GatehouseSpec", package: gatehouse),
                .product(name: "GatehouseValidation", package: gatehouse),
            ]
        )
    ]
)
