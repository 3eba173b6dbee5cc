// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, a fresh clone, …).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let gatehouse = repository.lastPathComponent.lowercased()

// Times Gatehouse's readers against the well-kept libraries they replace, on the real-world specs:
// JSONSerialization and Yams.compose (parse only, no positions), and OpenAPIKit's Codable decoding of the whole
// document (the structure step), each in the same process and run.
let package = Package(
    name: "ParserBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: repository.path),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0"),
    ],
    targets: [
        .executableTarget(
            name: "ParserBench",
            dependencies: [
                .product(name: "GatehouseSpec", package: gatehouse),
                .product(name: "Yams", package: "Yams"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
            ]
        )
    ]
)
