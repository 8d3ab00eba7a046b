// swift-tools-version: 6.1
// A task-type handler built outside plannerd's repository: Apptainer (formerly Singularity) images
// on an HPC centre. It depends on plannerd by path; a community package would use its URL and a
// version instead:
//   .package(url: "https://example.org/plannerd.git", from: "1.0.0")
import PackageDescription

/// SwiftPM names a path dependency after its folder (`plannerd` in a clone named so, something
/// else in CI), so the product references below use the folder two levels up.
let plannerd = String(Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "plannerd").lowercased()

let package = Package(
    name: "apptainer-handler",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ApptainerHandler", targets: ["ApptainerHandler"]),
        .executable(name: "apptainer-plannerd", targets: ["apptainer-plannerd"]),
    ],
    dependencies: [
        .package(path: "../.."),
    ],
    targets: [
        // The handler: Foundation and the kernel only (plus the docker handler's image references).
        .target(
            name: "ApptainerHandler",
            dependencies: [
                .product(name: "PlannerKernel", package: plannerd),
                .product(name: "DockerContainerHandler", package: plannerd),
            ]
        ),
        // plannerd with the shipped handlers (chosen by plannerd's traits) and this one.
        .executableTarget(
            name: "apptainer-plannerd",
            dependencies: [
                "ApptainerHandler",
                .product(name: "PlannerDaemon", package: plannerd),
            ]
        ),
        .testTarget(
            name: "ApptainerHandlerTests",
            dependencies: [
                "ApptainerHandler",
                .product(name: "PlannerKernel", package: plannerd),
                .product(name: "PlannerKernelTesting", package: plannerd),
            ]
        ),
    ]
)
