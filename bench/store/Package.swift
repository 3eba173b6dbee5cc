// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs between checkouts (main, a fresh clone, …).
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let gatehouse = repository.lastPathComponent.lowercased()

// Point puts and gets through the TableStore protocol on SQLiteTableStore, against the same SQL statements run
// through the SQLite C API directly, in the same process and run.
let package = Package(
    name: "StoreBench",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: repository.path)
    ],
    targets: [
        // The system SQLite (Debian: libsqlite3-dev), the same library GRDB links.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .executableTarget(
            name: "StoreBench",
            dependencies: [
                "CSQLite",
                .product(name: "GatehouseStore", package: gatehouse),
                .product(name: "GatehouseStoreSQLite", package: gatehouse),
                .product(name: "GatehouseSpec", package: gatehouse),
            ]
        ),
    ]
)
