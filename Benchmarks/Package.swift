// swift-tools-version: 6.1
// plannerd's benchmarks: a separate package, so that ordo-one/benchmark and its dependencies never
// enter the daemon's build. It depends on plannerd's kernel and handler libraries only (never on
// PlannerDaemon: the web stack stays out of the benchmark build).
//
//   cd Benchmarks
//   nice swift package --disable-sandbox benchmark                       # every benchmark, release build
//   nice swift package --disable-sandbox benchmark --target PlanningBenchmarks
//   swift run -c release planning-profile plan room-now 100000 2000      # a small driver for callgrind
//
// Results and the machine they were measured on: ../docs/performance-in-process.md (summary: ../docs/performance.md).
import PackageDescription

/// SwiftPM names a path dependency after its folder, lower-cased (`main` in one clone, something
/// else in another), so the products below name plannerd's package that way.
let plannerd = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "plannerd").lowercased()

let package = Package(
    name: "plannerd-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // Its default traits also enable RuntimeInterposer, which needs a package that is not on
        // this project's package mirror; MallocInterposer alone gives the malloc counts.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Asks, services, capacity timelines and worst-case inputs shared by the benchmarks and the driver.
        .target(
            name: "PlannerBenchmarkFixtures",
            dependencies: [
                .product(name: "PlannerKernel", package: plannerd),
                .product(name: "DockerContainerHandler", package: plannerd),
                .product(name: "KubernetesHelmHandler", package: plannerd),
                .product(name: "NotebookHandler", package: plannerd),
                .product(name: "PlannerStorage", package: plannerd),
                .product(name: "PlannerKernelTesting", package: plannerd),
            ],
            path: "Sources/PlannerBenchmarkFixtures"
        ),
        // Runs one planning scenario in a loop, without the benchmark harness: for valgrind/callgrind.
        .executableTarget(
            name: "planning-profile",
            dependencies: [
                "PlannerBenchmarkFixtures",
                .product(name: "PlannerKernel", package: plannerd),
            ],
            path: "Sources/planning-profile"
        ),
        .executableTarget(
            name: "PlanningBenchmarks",
            dependencies: [
                "PlannerBenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlannerKernel", package: plannerd),
            ],
            path: "Benchmarks/PlanningBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "StorageBenchmarks",
            dependencies: [
                "PlannerBenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlannerStorage", package: plannerd),
            ],
            path: "Benchmarks/StorageBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "ValidationBenchmarks",
            dependencies: [
                "PlannerBenchmarkFixtures",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlannerKernel", package: plannerd),
                .product(name: "DockerContainerHandler", package: plannerd),
                .product(name: "KubernetesHelmHandler", package: plannerd),
                .product(name: "NotebookHandler", package: plannerd),
            ],
            path: "Benchmarks/ValidationBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
