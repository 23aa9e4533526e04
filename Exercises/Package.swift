// swift-tools-version:6.0
// Exercises: your code in Sources/Exercises, checked by `swift test --package-path Exercises`.
// This package uses the course library (the package one folder up) by path; nothing else.
import PackageDescription

let package = Package(
    name: "Exercises",
    dependencies: [.package(name: "DeepLearningFromFirstPrinciples", path: "..")],
    targets: [
        .target(name: "Exercises", dependencies: [
            .product(name: "Core", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "LinearModels", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "ReinforcementLearning", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "NeuralNetworks", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "GraphNetworks", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "SparseCoding", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "Convolution", package: "DeepLearningFromFirstPrinciples"),
        ]),
        .testTarget(name: "ExercisesTests", dependencies: [
            "Exercises",
            .product(name: "Core", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "LinearModels", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "ReinforcementLearning", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "NeuralNetworks", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "GraphNetworks", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "SparseCoding", package: "DeepLearningFromFirstPrinciples"),
            .product(name: "Convolution", package: "DeepLearningFromFirstPrinciples"),
        ]),
    ]
)
