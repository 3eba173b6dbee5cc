// swift-tools-version:5.9
// Builds the peer generator's command-line tool for bench/generate/run.sh (nothing of it is committed but this file).
import PackageDescription

let package = Package(
    name: "GeneratorPeer",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")
    ],
    targets: []
)
