// swift-tools-version:6.1
import PackageDescription

// The baseline of the serve benchmark: a bare Hummingbird route that answers every request with fixed bytes, the
// limit of what any Hummingbird server can do on this machine.
let package = Package(
    name: "ServeBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .executableTarget(
            name: "BareRoute",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        )
    ]
)
