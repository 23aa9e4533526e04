// swift-tools-version:6.0
// Exercises: one folder per exercise (see README.md and manifest.tsv), run with
//     swift run --package-path Exercises exercises
// Each exercise NN-Name gives two targets, so one exercise's compile error or crash never stops another:
//   ExerciseNN  the starter the student edits (NN-Name/Starter), which may use Core only;
//   check-NN    its checks (NN-Name/Check/main.swift), which may use the whole course library to
//               compute expected values.
// The course library is the package one folder up, used by path; nothing else is fetched.
import PackageDescription

/// The exercise folders, in the order of manifest.tsv. Adding an exercise adds one line here.
let exerciseFolders = [
    "01-NormalEquations",
    "02-PerceptronUpdate",
    "03-BCEGradient",
    "04-DiscountedReturns",
    "05-QLearningUpdate",
    "06-EpsilonGreedy",
    "07-DenseBackward",
    "08-AdamStep",
    "09-XavierBound",
    "10-OMPStep",
    "11-RankOneAtomUpdate",
    "12-ThresholdingLayer",
    "13-NormalisedAdjacency",
    "14-GraphConvolutionForward",
    "15-MaskedCrossEntropy",
    "16-OutputSize",
    "17-ConvolutionByHand",
    "18-MaxPoolBackward",
    "19-ELUNode",
    "20-AD2ByHand",
    "21-TopologicalOrder",
    "22-Squash",
    "23-RoutingIteration",
    "24-MarginLoss",
    "25-AdversarialValue",
    "26-GeneratorGradients",
    "27-MaximumMeanDiscrepancy",
    "28-KLDivergence",
    "29-Reparameterisation",
    "30-VAELoss",
    "31-RNNStepAndBPTT",
    "32-LSTMCellForward",
    "33-RecurrentSizes",
    "34-AttentionByHand",
    "35-CausalMask",
    "36-LayerNormalisationBackward",
    "37-NTXentPair",
    "38-TripletLoss",
    "39-MomentumUpdate",
    "40-SoftmaxTraining",
    "41-ClassificationMetrics",
    "42-XORBackpropStep",
    "43-SoftmaxCrossEntropyGradient",
    "44-Im2col",
    "45-TransposedConvolution",
    "46-OrthogonalMatchingPursuit",
    "47-KSVDSweep",
    "48-DegreeAndLaplacian",
    "49-KarateGCN",
    "50-CliffWalkingQLearning",
    "51-FrozenLakeValueIteration",
    "52-LogisticRegressionRun",
]

/// The course's modules, for the checks only (a starter sees Core alone).
let library: [Target.Dependency] = [
    "Core", "LinearModels", "ReinforcementLearning", "NeuralNetworks", "GraphNetworks", "SparseCoding", "Convolution",
    "AutoDiff", "Autoencoders", "Capsules", "GenerativeAdversarial", "Recurrent", "Attention", "Contrastive",
].map { .product(name: $0, package: "DeepLearningFromFirstPrinciples") }
let core: Target.Dependency = .product(name: "Core", package: "DeepLearningFromFirstPrinciples")

/// The two targets of one exercise folder "NN-Name".
func targets(forExercise folder: String) -> [Target] {
    let number = String(folder.prefix(2))
    return [
        .target(name: "Exercise\(number)", dependencies: [core], path: "\(folder)/Starter"),
        .executableTarget(name: "check-\(number)", dependencies: ["ExerciseCheck", .target(name: "Exercise\(number)")] + library,
                          path: "\(folder)/Check", swiftSettings: [.swiftLanguageMode(.v5)]),
    ]
}

let package = Package(
    name: "Exercises",
    dependencies: [.package(name: "DeepLearningFromFirstPrinciples", path: "..")],
    targets: [
        .target(name: "ExerciseCheck"),
        .executableTarget(name: "exercises", path: "Sources/exercises"),
    ] + exerciseFolders.flatMap(targets(forExercise:))
)
