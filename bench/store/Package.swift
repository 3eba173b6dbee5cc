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
        .package(path: repository.path),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // Point puts and gets through PostgresTableStore, against the same statements as postgres-nio prepared
        // statements on a pool of the same size, on the same database.
        .executableTarget(
            name: "PostgresStoreBench",
            dependencies: [
                .product(name: "GatehouseStore", package: gatehouse),
                .product(name: "GatehouseStorePostgres", package: gatehouse),
                .product(name: "GatehouseJSON", package: gatehouse),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
    ]
)
