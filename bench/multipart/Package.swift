// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, a fresh clone, …).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let gatehouse = repository.lastPathComponent.lowercased()

// Times Gatehouse's multipart/form-data body decoding against vapor/multipart-kit's parser on the same bodies, in
// the same process and run: why the gateway keeps its own parser (bench/README.md).
let package = Package(
    name: "MultipartBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: repository.path),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    ],
    targets: [
        .executableTarget(
            name: "MultipartBench",
            dependencies: [
                .product(name: "GatehouseSpec", package: gatehouse),
                .product(name: "GatehouseValidation", package: gatehouse),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ]
        )
    ]
)
