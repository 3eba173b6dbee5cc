// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Gatehouse",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gatehouse", targets: ["gatehouse"]),
        .library(name: "GatehouseSpec", targets: ["GatehouseSpec"]),
        .library(name: "GatehouseValidation", targets: ["GatehouseValidation"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .executableTarget(
            name: "gatehouse",
            dependencies: [
                "GatehouseSpec",
                "GatehouseValidation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseSpec",
            dependencies: [
                // libyaml's event parser, shipped inside Yams (see YAMLReader.swift for why not Yams.compose).
                .product(name: "Yams", package: "Yams")
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseValidation",
            dependencies: ["GatehouseSpec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseValidationTests",
            dependencies: ["GatehouseValidation", "GatehouseSpec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseSpecTests",
            dependencies: ["GatehouseSpec"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseCLITests",
            dependencies: ["gatehouse", "GatehouseSpec"],
            swiftSettings: swiftSettings
        ),
    ]
)
