// swift-tools-version:6.0
// Deep learning from first principles, in pure Swift: one module per lecture topic.
// No package dependencies: only the Swift toolchain (stdlib, SIMD, Foundation, Dispatch, Swift Testing).
import PackageDescription

/// Library targets with hot loops are optimised even in debug builds, and may use the host CPU's
/// FMA units (see ../shared/CONVENTIONS.md, "Swift numeric traps": without `-target-cpu native`
/// every `addingProduct` becomes a call to `fmaf`, and debug SIMD code runs ~300x slower).
let fastMath: [SwiftSetting] = [.unsafeFlags(["-O", "-target-cpu", "native"])]

let package = Package(
    name: "DeepLearningFromFirstPrinciples",
    products: [
        .library(name: "Core", targets: ["Core"]),
        .library(name: "LinearModels", targets: ["LinearModels"]),
        .library(name: "ReinforcementLearning", targets: ["ReinforcementLearning"]),
        .library(name: "NeuralNetworks", targets: ["NeuralNetworks"]),
        .library(name: "GraphNetworks", targets: ["GraphNetworks"]),
        .library(name: "SparseCoding", targets: ["SparseCoding"]),
        .library(name: "Convolution", targets: ["Convolution"]),
        .library(name: "AutoDiff", targets: ["AutoDiff"]),
        .library(name: "Recurrent", targets: ["Recurrent"]),
        .executable(name: "linear-models", targets: ["linear-models"]),
        .executable(name: "q-learning", targets: ["q-learning"]),
        .executable(name: "backprop", targets: ["backprop"]),
        .executable(name: "graph-convolution", targets: ["graph-convolution"]),
        .executable(name: "sparse-coding", targets: ["sparse-coding"]),
        .executable(name: "convolution", targets: ["convolution"]),
        .executable(name: "benchmarks", targets: ["benchmarks"]),
        .executable(name: "autodiff", targets: ["autodiff"]),
        .executable(name: "recurrent", targets: ["recurrent"]),
    ],
    targets: [
        .target(name: "Core", exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "LinearModels", dependencies: ["Core"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "ReinforcementLearning", dependencies: ["Core"], exclude: ["README.md"],
                swiftSettings: fastMath),
        .target(name: "NeuralNetworks", dependencies: ["Core"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "GraphNetworks", dependencies: ["Core", "NeuralNetworks"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "SparseCoding", dependencies: ["Core"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "Convolution", dependencies: ["Core", "NeuralNetworks"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "AutoDiff", dependencies: ["Core"], exclude: ["README.md"], swiftSettings: fastMath),
        .target(name: "Recurrent", dependencies: ["Core", "NeuralNetworks", "Convolution"], exclude: ["README.md"],
                swiftSettings: fastMath),

        .executableTarget(name: "linear-models", dependencies: ["Core", "LinearModels"],
                          path: "Chapters/linear-models"),
        .executableTarget(name: "q-learning", dependencies: ["Core", "ReinforcementLearning"],
                          path: "Chapters/q-learning"),
        .executableTarget(name: "graph-convolution", dependencies: ["Core", "NeuralNetworks", "GraphNetworks"],
                          path: "Chapters/graph-convolution"),
        .executableTarget(name: "backprop", dependencies: ["Core", "NeuralNetworks"], path: "Chapters/backprop"),
        .executableTarget(name: "sparse-coding", dependencies: ["Core", "SparseCoding"],
                          path: "Chapters/sparse-coding"),
        .executableTarget(name: "convolution", dependencies: ["Core", "NeuralNetworks", "Convolution"],
                          path: "Chapters/convolution"),
        .executableTarget(name: "benchmarks", dependencies: ["Core", "NeuralNetworks", "SparseCoding", "Convolution", "Recurrent"],
                          path: "Chapters/benchmarks",
                          swiftSettings: fastMath),
        .executableTarget(name: "autodiff", dependencies: ["Core", "AutoDiff", "NeuralNetworks"], path: "Chapters/autodiff"),
        .executableTarget(name: "recurrent", dependencies: ["Core", "NeuralNetworks", "Recurrent"], path: "Chapters/recurrent"),

        .testTarget(name: "CoreTests", dependencies: ["Core"]),
        .testTarget(name: "LinearModelsTests", dependencies: ["Core", "LinearModels"]),
        .testTarget(name: "ReinforcementLearningTests", dependencies: ["Core", "ReinforcementLearning"]),
        .testTarget(name: "NeuralNetworksTests", dependencies: ["Core", "NeuralNetworks"]),
        .testTarget(name: "GraphNetworksTests", dependencies: ["Core", "NeuralNetworks", "GraphNetworks"]),
        .testTarget(name: "SparseCodingTests", dependencies: ["Core", "SparseCoding"]),
        .testTarget(name: "ConvolutionTests", dependencies: ["Core", "NeuralNetworks", "Convolution"]),
        .testTarget(name: "AutoDiffTests", dependencies: ["Core", "AutoDiff", "NeuralNetworks"]),
        .testTarget(name: "RecurrentTests", dependencies: ["Core", "NeuralNetworks", "Convolution", "Recurrent"]),
    ]
)
