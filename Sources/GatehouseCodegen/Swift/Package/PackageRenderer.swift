/// Renders the client package's `Package.swift`: Foundation only, Swift 5.9 and later, Apple platforms and Linux.
enum PackageRenderer {
    static func clientManifest(module: String, header: String) -> String {
        """
        // swift-tools-version:5.9
        \(header)
        import PackageDescription

        let package = Package(
            name: "\(module)",
            platforms: [.macOS(.v12), .iOS(.v15), .tvOS(.v15), .watchOS(.v8)],
            products: [
                .library(name: "\(module)", targets: ["\(module)"])
            ],
            targets: [
                .target(name: "\(module)")
            ]
        )

        """
    }
}
