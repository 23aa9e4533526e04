// swift-tools-version:6.0
// Exercises (scaffolding of the `exercises-new` branch, dropped at merge: the `exercises` branch owns
// the real Package.swift). One starter library `ExerciseNN` (Core only) and one check executable
// `check-NN` per exercise; the course library is the package one folder up, by path.
import PackageDescription

/// A product of the course library.
func library(_ name: String) -> Target.Dependency {
    .product(name: name, package: "DeepLearningFromFirstPrinciples")
}

/// Exercise number, folder, and the library modules its check needs besides Core.
let exercises: [(number: String, folder: String, checkNeeds: [String])] = [
    ("40", "40-SoftmaxTraining", []),
    ("41", "41-ClassificationMetrics", ["Convolution"]),
    ("42", "42-XORBackpropStep", []),
    ("43", "43-SoftmaxCrossEntropyGradient", []),
    ("44", "44-Im2col", []),
    ("45", "45-TransposedConvolution", []),
    ("46", "46-OrthogonalMatchingPursuit", ["SparseCoding"]),
    ("47", "47-KSVDSweep", ["SparseCoding"]),
    ("48", "48-DegreeAndLaplacian", ["GraphNetworks"]),
    ("49", "49-KarateGCN", ["GraphNetworks"]),
    ("50", "50-CliffWalkingQLearning", []),
    ("51", "51-FrozenLakeValueIteration", ["ReinforcementLearning"]),
]

var targets: [Target] = [.target(name: "ExerciseCheck")]
for exercise in exercises {
    targets.append(.target(name: "Exercise\(exercise.number)", dependencies: [library("Core")],
                           path: "\(exercise.folder)/Starter"))
    targets.append(.executableTarget(
        name: "check-\(exercise.number)",
        dependencies: ["ExerciseCheck", .target(name: "Exercise\(exercise.number)"), library("Core")]
            + exercise.checkNeeds.map(library),
        path: "\(exercise.folder)/Check"))
}

let package = Package(
    name: "Exercises",
    dependencies: [.package(name: "DeepLearningFromFirstPrinciples", path: "..")],
    targets: targets
)
