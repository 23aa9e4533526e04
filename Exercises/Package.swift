// swift-tools-version:6.0
// Exercises: your code in Sources/Exercises, checked by `swift test --package-path Exercises`.
// This package uses the course library (the package one folder up) by path; nothing else.
import PackageDescription

/// The course's modules, which both the exercises and their tests may use.
let library: [Target.Dependency] = [
    "Core", "LinearModels", "ReinforcementLearning", "NeuralNetworks", "GraphNetworks", "SparseCoding", "Convolution",
    "AutoDiff", "Autoencoders", "Capsules", "GenerativeAdversarial", "Recurrent", "Attention", "Contrastive",
].map { .product(name: $0, package: "DeepLearningFromFirstPrinciples") }

let package = Package(
    name: "Exercises",
    dependencies: [.package(name: "DeepLearningFromFirstPrinciples", path: "..")],
    targets: [
        .target(name: "Exercises", dependencies: library),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises"] + library),
    ]
)
