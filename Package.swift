// swift-tools-version: 6.1
// plannerd: an execution planner for astronomy's science platforms.
//
// The kernel and every handler depend on Foundation only. The daemon adds the web stack.
// Operators choose the compiled-in handlers with package traits (one per handler, all on by default):
//   swift build --product plannerd --traits DockerContainer,Notebook
//   swift build --product plannerd --disable-default-traits
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "plannerd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "plannerd", targets: ["plannerd"]),
        .library(name: "PlannerKernel", targets: ["PlannerKernel"]),
        .library(name: "PlannerKernelTesting", targets: ["PlannerKernelTesting"]),
        .library(name: "DockerContainerHandler", targets: ["DockerContainerHandler"]),
        .library(name: "KubernetesHelmHandler", targets: ["KubernetesHelmHandler"]),
        .library(name: "NotebookHandler", targets: ["NotebookHandler"]),
        .library(name: "PlannerStorage", targets: ["PlannerStorage"]),
        .library(name: "PlannerDaemon", targets: ["PlannerDaemon"]),
    ],
    traits: [
        .trait(name: "DockerContainer", description: "Compile in the uri://docker-container handler."),
        .trait(name: "KubernetesHelm", description: "Compile in the uri://kubernetes-helm handler."),
        .trait(name: "Notebook", description: "Compile in the uri://jupyter-notebook handler."),
        .default(enabledTraits: ["DockerContainer", "KubernetesHelm", "Notebook"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0", traits: ["YAML"]),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        // For the tests only: they generate the keys that sign their tokens.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .target(
            name: "PlannerKernel",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PlannerKernelTesting",
            dependencies: ["PlannerKernel"],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PlannerTestSupport",
            path: "Sources/PlannerTestSupport",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "DockerContainerHandler",
            dependencies: ["PlannerKernel"],
            path: "Sources/Handlers/DockerContainer",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "KubernetesHelmHandler",
            dependencies: ["PlannerKernel"],
            path: "Sources/Handlers/KubernetesHelm",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "NotebookHandler",
            dependencies: ["PlannerKernel"],
            path: "Sources/Handlers/Notebook",
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PlannerStorage",
            dependencies: [
                "PlannerKernel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PlannerDaemon",
            dependencies: [
                "PlannerKernel",
                "PlannerStorage",
                .target(name: "DockerContainerHandler", condition: .when(traits: ["DockerContainer"])),
                .target(name: "KubernetesHelmHandler", condition: .when(traits: ["KubernetesHelm"])),
                .target(name: "NotebookHandler", condition: .when(traits: ["Notebook"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "plannerd",
            dependencies: ["PlannerDaemon"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "PlannerKernelTests",
            dependencies: ["PlannerKernel", "PlannerKernelTesting"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "DockerContainerHandlerTests",
            dependencies: ["DockerContainerHandler", "PlannerKernel", "PlannerKernelTesting"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "KubernetesHelmHandlerTests",
            dependencies: ["KubernetesHelmHandler", "PlannerKernel", "PlannerKernelTesting"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "NotebookHandlerTests",
            dependencies: ["NotebookHandler", "PlannerKernel", "PlannerKernelTesting"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "PlannerStorageTests",
            dependencies: ["PlannerStorage", "PlannerKernel", "PlannerTestSupport"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "PlannerDaemonTests",
            dependencies: [
                "PlannerDaemon", "PlannerKernel", "PlannerKernelTesting", "PlannerStorage", "PlannerTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: upcomingFeatures
        ),
    ]
)
