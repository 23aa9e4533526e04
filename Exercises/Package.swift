// swift-tools-version:6.0
// Exercises: your code in Sources/Exercises, checked by `swift test --package-path Exercises`.
// This package uses the course library (the package one folder up) by path; nothing else.
import PackageDescription

/// The course's modules, which both the exercises and their tests may use.
let library: [Target.Dependency] = [
    "Core", "LinearModels", "ReinforcementLearning", "NeuralNetworks", "GraphNetworks", "SparseCoding", "Convolution",
    "AutoDiff", "Autoencoders", "Capsules", "GenerativeAdversarial", "Recurrent", "Attention", "Contrastive",
].map { .product(name: $0, package: "DeepLearningFromFirstPrinciples") }

/// What the checks of exercises 37-39 import (scaffolding, drop at merge).
let checkLibrary: [Target.Dependency] = ["Core", "NeuralNetworks", "Contrastive"]
    .map { .product(name: $0, package: "DeepLearningFromFirstPrinciples") }

let package = Package(
    name: "Exercises",
    dependencies: [.package(name: "DeepLearningFromFirstPrinciples", path: "..")],
    targets: [
        .target(name: "Exercises", dependencies: library),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises"] + library),
        // Scaffolding (drop at merge): the new layout's harness and exercises 37-39.
        // (The checks name only the modules they import, so building them builds no other module.)
        .target(name: "ExerciseCheck", path: "Sources/ExerciseCheck"),
        .target(name: "Exercise37", dependencies: [.product(name: "Core", package: "DeepLearningFromFirstPrinciples")],
                path: "37-NTXentPair/Starter"),
        .executableTarget(name: "check-37", dependencies: ["ExerciseCheck", "Exercise37"] + checkLibrary, path: "37-NTXentPair/Check"),
        .target(name: "Exercise38", dependencies: [.product(name: "Core", package: "DeepLearningFromFirstPrinciples")],
                path: "38-TripletLoss/Starter"),
        .executableTarget(name: "check-38", dependencies: ["ExerciseCheck", "Exercise38"] + checkLibrary, path: "38-TripletLoss/Check"),
        .target(name: "Exercise39", dependencies: [.product(name: "Core", package: "DeepLearningFromFirstPrinciples")],
                path: "39-MomentumUpdate/Starter"),
        .executableTarget(name: "check-39", dependencies: ["ExerciseCheck", "Exercise39"] + checkLibrary, path: "39-MomentumUpdate/Check"),
    ]
)
