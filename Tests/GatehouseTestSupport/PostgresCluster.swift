import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway PostgreSQL cluster for tests: initdb and pg_ctl into a temporary directory, listening on 127.0.0.1
/// and a free port, never a system service. Run as the `postgres` user when the tests run as root (PostgreSQL
/// refuses to run as root). Its methods block on child processes: call them through `onOwnThread`.
///
/// `shared` is one cluster for the whole test process, stopped and removed when the process exits; each test takes
/// a database of its own from it (`createDatabase()`). Tests that stop the server start a cluster of their own.
public final class PostgresCluster: Sendable {
    /// The superuser the tests connect as, with a password, so a wrong one is refused.
    public static let user = "gatehouse"
    public static let password = "gatehouse-test-secret"

    public let directory: String
    public let port: Int
    let binaries: String
    let owner: String?
    private let counter = Counter()

    /// The folder of PostgreSQL's server binaries, or nil when they are not installed.
    public static let binaries: String? = {
        let candidates =
            ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }
            .map { "/usr/lib/postgresql/\($0)/bin" }
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0 + "/pg_ctl") }
    }()

    /// True when tests can start a cluster: PostgreSQL is installed, or this is CI, where its tests must run (and
    /// fail loudly when `.ci/run` did not install it).
    public static var isAvailable: Bool {
        binaries != nil || ProcessInfo.processInfo.environment["CI"] != nil
    }

    /// Why PostgreSQL tests are skipped on this machine.
    public static let skipReason =
        "PostgreSQL's server binaries (initdb, pg_ctl) are not installed; apt-get install postgresql to run these tests"

    /// One cluster for the test process, started on first use and removed at exit.
    public static let shared: Result<PostgresCluster, any Error> = {
        let result = Result { try PostgresCluster.start() }
        if case .success(let cluster) = result {
            sharedForExit.withLock { $0 = cluster }
            atexit { PostgresCluster.sharedForExit.withLock { $0?.remove() } }
        }
        return result
    }()

    private static let sharedForExit = LockedBox<PostgresCluster?>(nil)

    /// Creates, configures and starts a new cluster.
    public static func start() throws -> PostgresCluster {
        guard let binaries else { throw ClusterError(skipReason) }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let owner: String? = geteuid() == 0 ? "postgres" : nil
        if let owner {
            try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: directory)
        }
        let passwordFile = directory + "/password"
        try password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
        if let owner {
            try FileManager.default.setAttributes([.ownerAccountName: owner], ofItemAtPath: passwordFile)
        }
        let cluster = PostgresCluster(directory: directory, port: try freePort(), binaries: binaries, owner: owner)
        try cluster.run(
            "initdb",
            [
                "-D", cluster.dataDirectory, "-U", user, "--pwfile=\(passwordFile)", "--auth=scram-sha-256",
                "-E", "UTF8", "--locale=C", "-N",
            ])
        try cluster.startServer()
        return cluster
    }

    private init(directory: String, port: Int, binaries: String, owner: String?) {
        self.directory = directory
        self.port = port
        self.binaries = binaries
        self.owner = owner
    }

    var dataDirectory: String { directory + "/data" }

    /// Starts the server (again, after `stopServer`), on the same port.
    public func startServer() throws {
        let options = [
            "-p \(port)", "-c listen_addresses=127.0.0.1", "-c unix_socket_directories='\(directory)'",
            "-c max_connections=300", "-c fsync=off", "-c full_page_writes=off",
        ].joined(separator: " ")
        try run(
            "pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"])
    }

    /// Stops the server: `fast` disconnects clients and shuts down cleanly; `immediate` is a crash.
    public func stopServer(mode: String = "fast") throws {
        try run("pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-m", mode, "stop"])
    }

    /// Stops the server and removes its files.
    public func remove() {
        try? stopServer(mode: "immediate")
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The store URL of `database`, with the password.
    public func url(database: String, password: String = PostgresCluster.password) -> String {
        "postgres://\(Self.user):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// The store URL of `database` through the server's Unix-domain socket (in the cluster's directory).
    public func socketURL(database: String) -> String {
        "postgres://\(Self.user):\(Self.password)@:\(port)/\(database)?host=\(directory)"
    }

    /// A new, empty database; returns its name.
    public func createDatabase() throws -> String {
        let name = "gh_\(getpid())_\(counter.next())"
        _ = try sql("CREATE DATABASE \(name)", database: "postgres")
        return name
    }

    /// Runs SQL with psql and returns what it printed (unaligned, tuples only).
    @discardableResult
    public func sql(_ statement: String, database: String) throws -> String {
        try run(
            "psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-At",
                "-c",
                statement,
            ],
            asOwner: false
        )
    }

    /// Runs one of PostgreSQL's programs, as the cluster's owner unless `asOwner` is false; throws with its output
    /// when it fails.
    ///
    /// Spawned with posix_spawn and awaited with waitpid rather than with Foundation's `Process`, whose wait on
    /// Linux never returns when the child leaves a daemon behind (`pg_ctl start`); the child gets no descriptor of
    /// this process but its output file, so the server it starts holds none of the tests' sockets.
    @discardableResult
    func run(_ program: String, _ arguments: [String], asOwner: Bool = true) throws -> String {
        let path = binaries + "/" + program
        let argv =
            if asOwner, let owner { ["/usr/sbin/runuser", "-u", owner, "--", path] + arguments } else {
                [path] + arguments
            }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = Self.password
        environment["PGCONNECT_TIMEOUT"] = "10"
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("gatehouse-pg-output-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try Self.spawnAndWait(
            argv, environment: environment.map { "\($0.key)=\($0.value)" }, output: outputPath, directory: directory)
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw ClusterError("\(program) \(arguments.joined(separator: " ")) failed (status \(status)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs `argv` in `directory` with its output in the file at `output`; returns its exit status.
    private static func spawnAndWait(
        _ argv: [String],
        environment: [String],
        output: String,
        directory: String
    ) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // glibc's closefrom and chdir actions (2.34, 2.29), which Swift does not import without _GNU_SOURCE.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        typealias ChangeDirectory =
            @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
        guard let closeFrom = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np"),
            let changeDirectory = dlsym(nil, "posix_spawn_file_actions_addchdir_np")
        else { throw ClusterError("this C library lacks posix_spawn_file_actions_addclosefrom_np") }
        _ = unsafeBitCast(closeFrom, to: CloseFrom.self)(&actions, 3)
        _ = unsafeBitCast(changeDirectory, to: ChangeDirectory.self)(&actions, directory)
        func cStrings(_ strings: [String]) -> [UnsafeMutablePointer<CChar>?] { strings.map { strdup($0) } + [nil] }
        let arguments = cStrings(argv)
        let variables = cStrings(environment)
        defer { for pointer in arguments + variables { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, arguments, variables)
        guard spawned == 0 else { throw ClusterError("cannot start \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ClusterError("cannot wait for \(argv[0]): error \(errno)") }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros.
        return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }

    /// A port nothing listens on now: bound to port 0 and released.
    public static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ClusterError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard bound else { throw ClusterError("cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public struct ClusterError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    private final class Counter: Sendable {
        private let value = LockedBox(0)
        func next() -> Int {
            value.withLock {
                $0 += 1
                return $0
            }
        }
    }
}

/// A value behind a lock.
final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
