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
        .library(name: "GatehouseJSON", targets: ["GatehouseJSON"]),
        .library(name: "GatehouseSpec", targets: ["GatehouseSpec"]),
        .library(name: "GatehouseValidation", targets: ["GatehouseValidation"]),
        .library(name: "GatehouseRuntime", targets: ["GatehouseRuntime"]),
        .library(name: "GatehouseServe", targets: ["GatehouseServe"]),
        .library(name: "GatehouseStore", targets: ["GatehouseStore"]),
        .library(name: "GatehouseStoreSQLite", targets: ["GatehouseStoreSQLite"]),
        .library(name: "GatehouseStorePostgres", targets: ["GatehouseStorePostgres"]),
        .library(name: "GatehouseCodegen", targets: ["GatehouseCodegen"]),
        .library(name: "GatehouseDiff", targets: ["GatehouseDiff"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .executableTarget(
            name: "gatehouse",
            dependencies: [
                "GatehouseJSON",
                "GatehouseSpec",
                "GatehouseValidation",
                "GatehouseRuntime",
                "GatehouseStore",
                "GatehouseStoreSQLite",
                "GatehouseStorePostgres",
                "GatehouseCodegen",
                "GatehouseDiff",
                "GatehouseServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        // The gateway's options (`GatewayOptions`, with their GATEHOUSE_* variables) and the one launcher that opens
        // the store and key store and runs the gateway: `gatehouse serve` and a Swift server on the generated stubs
        // start the same gateway from the same options.
        .target(
            name: "GatehouseServe",
            dependencies: [
                "GatehouseJSON",
                "GatehouseSpec",
                "GatehouseRuntime",
                "GatehouseStore",
                "GatehouseStoreSQLite",
                "GatehouseStorePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // `GatewayExecutor`: the event loops as Swift concurrency's executor when serving from a store.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The JSON value, its parser with source positions, writer and pointer: the bottom of the graph, used by all.
        .target(name: "GatehouseJSON", swiftSettings: swiftSettings),
        .target(
            name: "GatehouseSpec",
            dependencies: [
                "GatehouseJSON",
                // libyaml's event parser, shipped inside Yams (see YAMLReader.swift for why not Yams.compose).
                .product(name: "Yams", package: "Yams")
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseValidation",
            dependencies: ["GatehouseJSON", "GatehouseSpec"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseStore",
            // Items are JSON objects; the store knows JSON, not OpenAPI. NIO for the event loop a store call came
            // from, where the backends resume their callers (`CallerLoop`).
            dependencies: ["GatehouseJSON", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseStoreSQLite",
            dependencies: [
                "GatehouseStore",
                "GatehouseJSON",
                // Links the system SQLite (Debian: libsqlite3-dev).
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for the store's own point-read connections and its group-commit writer.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // Several gateway instances share one store: the same TableStore on PostgreSQL, through postgres-nio's pool.
        .target(
            name: "GatehouseStorePostgres",
            dependencies: [
                "GatehouseStore",
                "GatehouseJSON",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The TLS settings of `sslmode=` in a store URL.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseStorePostgresTests",
            dependencies: [
                "GatehouseStorePostgres", "GatehouseStore", "GatehouseJSON", "GatehouseTestSupport",
                // To make foreign databases and to look at the rows behind the store's back.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A child process for the kill -9 durability test: it writes and reports each acknowledged write.
        .executableTarget(
            name: "GatehouseStoreSQLiteCrashWriter",
            dependencies: ["GatehouseStoreSQLite", "GatehouseStore", "GatehouseJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseStoreTests",
            dependencies: ["GatehouseStore", "GatehouseJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseStoreSQLiteTests",
            dependencies: [
                "GatehouseStoreSQLite", "GatehouseStore", "GatehouseJSON", "GatehouseStoreSQLiteCrashWriter",
                // To make foreign files and to look at the rows behind the store's back.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatehouseRuntime",
            dependencies: [
                "GatehouseJSON",
                "GatehouseSpec",
                "GatehouseValidation",
                "GatehouseStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SHA-256 of API keys and random key material.
                .product(name: "Crypto", package: "swift-crypto"),
                // Bearer JWT verification (HS256, JWKS) with exp/nbf/aud/iss.
                .product(name: "JWTKit", package: "jwt-kit"),
                // `--upstream`: forwarding to the backend through a connection pool, bodies streamed both ways.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The request parts of Hummingbird's channel pipeline (`UploadDeadlineHandler`).
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        // Test helpers shared by the test targets (blocking work off the concurrency pool).
        .target(name: "GatehouseTestSupport", path: "Tests/GatehouseTestSupport", swiftSettings: swiftSettings),
        .testTarget(
            name: "GatehouseRuntimeTests",
            dependencies: [
                "GatehouseRuntime",
                "GatehouseTestSupport",
                "GatehouseJSON",
                "GatehouseSpec",
                "GatehouseValidation",
                "GatehouseStore",
                "GatehouseStoreSQLite",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The backends the gateway forwards to in the upstream tests.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The upload deadline's handler on a channel with a clock of its own.
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                // To sign the tokens the gateway verifies.
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseValidationTests",
            dependencies: ["GatehouseValidation", "GatehouseSpec", "GatehouseJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseSpecTests",
            dependencies: ["GatehouseSpec", "GatehouseJSON"],
            swiftSettings: swiftSettings
        ),
        // Generators: Swift client, Swift server stubs, HTML docs. Never imports Hummingbird (DESIGN.md).
        .target(
            name: "GatehouseCodegen",
            dependencies: [
                "GatehouseJSON",
                "GatehouseSpec",
                "GatehouseValidation",
                // The HTML docs page is rendered from a Mustache template a user may override.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: swiftSettings
        ),
        // What a change between two versions of a contract breaks (`gatehouse diff`); imported only by the executable.
        .target(
            name: "GatehouseDiff",
            // Codegen's translation gives the Swift client view (`--sdk swift`).
            dependencies: ["GatehouseJSON", "GatehouseSpec", "GatehouseCodegen"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseDiffTests",
            dependencies: ["GatehouseDiff", "GatehouseSpec", "GatehouseJSON"],
            // Base/revision pairs and their expected findings, read at run time.
            exclude: ["Corpus"],
            swiftSettings: swiftSettings
        ),
        // libxml2's HTML parser (Debian: libxml2-dev) behind a small C interface, with which the docs tests check
        // every generated page. Test-only: the generators do not link it.
        .target(
            name: "CHTMLCheck",
            path: "Tests/CHTMLCheck",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        .testTarget(
            name: "GatehouseCodegenTests",
            dependencies: [
                "GatehouseCodegen", "GatehouseSpec", "GatehouseJSON", "GatehouseValidation", "CHTMLCheck", "GatehouseTestSupport",
            ],
            // Golden specs, docs fixtures and their expected output, read at run time.
            exclude: ["Fixtures", "Golden"],
            swiftSettings: swiftSettings
        ),
        // generated/: `gatehouse generate` output for specs/, compiled here so a stale or broken generator fails the
        // build. The client packages' own Package.swift files are for their users; these targets point into them.
        // Generated code keeps the default settings (plain imports), as a user's package would compile it.
        .target(name: "PetstoreClient", path: "generated/petstore/Client/Sources/PetstoreClient"),
        .target(
            name: "PetstoreServer",
            dependencies: ["PetstoreClient", "GatehouseRuntime"],
            path: "generated/petstore/Server/Sources/PetstoreServer"
        ),
        .target(name: "TodoClient", path: "generated/todo/Client/Sources/TodoClient"),
        .target(
            name: "TodoServer",
            dependencies: ["TodoClient", "GatehouseRuntime"],
            path: "generated/todo/Server/Sources/TodoServer"
        ),
        // How a team serves its own Swift implementation: the generated stubs plus a small executable (README).
        .executableTarget(
            name: "TodoServerExample",
            dependencies: [
                "TodoServer", "TodoClient", "GatehouseRuntime", "GatehouseServe", "GatehouseJSON", "GatehouseStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Examples/TodoServer"
        ),
        // End to end: the generated clients against a running gateway, and servers on the generated stubs.
        .testTarget(
            name: "GatehouseGeneratedCodeTests",
            dependencies: [
                "PetstoreClient", "PetstoreServer", "TodoClient", "TodoServer", "GatehouseRuntime", "GatehouseSpec",
                "GatehouseJSON", "GatehouseStore",
                .product(name: "Logging", package: "swift-log"),
                // To sign the bearer tokens the gateway verifies.
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GatehouseCLITests",
            dependencies: [
                "gatehouse", "GatehouseSpec", "GatehouseJSON", "GatehouseTestSupport",
                // `GatewayExecutor`'s choice of executor, decided from the command line before it is parsed.
                "GatehouseServe",
                // Started as a child process, as a user runs it: the generated stubs serving through GatewayOptions.
                "TodoServerExample",
                // To talk to a `gatehouse serve` child process.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The backend a `gatehouse serve --upstream` child process forwards to.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
