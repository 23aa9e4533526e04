// KarateExperiments.swift: Kipf & Welling's two karate-club experiments (ICLR 2017, and Kipf's
// "Graph Convolutional Networks" post, 2016), shared by the tests and the chapter:
//   1. semi-supervised classification: the two-layer GCN of MLiS II Eq. (2.9.5) with X = I, trained on
//      the masked loss of Sec. 2.9.2 with ONE labelled member per faction (members 0 and 33);
//   2. an untrained three-layer GCN with random weights maps every member to a point in the plane,
//      and the factions already lie apart.

import Core
import NeuralNetworks

extension KarateClub {
    /// The members whose faction the semi-supervised model is told: Mr. Hi (0) and the Officer (33).
    public static let labelledMembers = [instructor, administrator]

    /// Every member but the labelled ones: the 32 the accuracy is measured on.
    public var unlabelledMembers: [Int] {
        (0..<graph.nodeCount).filter { !Self.labelledMembers.contains($0) }
    }

    /// The masked cross-entropy on members 0 and 33 only.
    public var semiSupervisedLoss: MaskedCrossEntropy {
        MaskedCrossEntropy(labelledNodes: Self.labelledMembers, labels: Self.labelledMembers.map { factions[$0] },
                           classes: Self.factionNames.count)
    }

    /// The fraction of the unlabelled members whose faction `predictions` gets right.
    public func unlabelledAccuracy(_ predictions: [Int]) -> Double {
        require(predictions.count == graph.nodeCount, "KarateClub.unlabelledAccuracy: \(predictions.count) predictions for \(graph.nodeCount) members")
        let members = unlabelledMembers
        return accuracy(predicted: members.map { predictions[$0] }, truth: members.map { factions[$0] })
    }

    /// The two-layer GCN of Eq. (2.9.5), W^(0) [34, hidden] and W^(1) [hidden, 2], with Xavier normal
    /// weights drawn from `seed`, trained with NeuralNetworks' Adam for `epochs` full-batch steps on
    /// X = I and S = D^^-1/2 A^ D^^-1/2. Returns the model and the loss before every step.
    /// `afterEpoch(epoch, model)` runs once before training with epoch 0 and then after every step (the
    /// chapter draws the embedding there). Adam keeps the notes' defaults but alpha (Kipf & Welling's 0.01).
    public func trainSemiSupervised(seed: UInt64, hidden: Int = 16, epochs: Int = 200, learningRate: Float = 0.01,
                                    afterEpoch: (Int, GraphConvolutionalNetwork) -> Void = { _, _ in }) throws
        -> (model: GraphConvolutionalNetwork, losses: [Float])
    {
        var generator = Xoshiro256StarStar(seed: seed)
        let model = GraphConvolutionalNetwork.twoLayer(inputs: graph.nodeCount, hidden: hidden, classes: Self.factionNames.count,
                                                       propagation: graph.normalisedAdjacency(), generator: &generator)
        // Kingma & Ba's epsilon, 1e-8, as Kipf & Welling trained (NeuralNetworks' default is TF2's 1e-7).
        var optimiser = Adam(learningRate: learningRate, epsilon: 1e-8)
        let (x, loss) = (identityFeatures(graph.nodeCount), semiSupervisedLoss)
        var losses: [Float] = []
        afterEpoch(0, model)
        for epoch in stride(from: 1, through: epochs, by: 1) {
            losses += try model.train(x, loss: loss, epochs: 1, optimiser: &optimiser)
            afterEpoch(epoch, model)
        }
        return (model, losses)
    }

    /// The 2-D output [34, 2] of an untrained GCN with layers 34 -> 4 -> 4 -> 2, tanh between them,
    /// Xavier normal weights drawn from `seed`, X = I: Kipf & Welling's random embedding of the club.
    public func untrainedEmbedding(seed: UInt64, hiddenActivation: Activation = .tanh) -> Tensor {
        var generator = Xoshiro256StarStar(seed: seed)
        let model = GraphConvolutionalNetwork(widths: [graph.nodeCount, 4, 4, 2], hiddenActivation: hiddenActivation,
                                              propagation: graph.normalisedAdjacency(), generator: &generator)
        return model(identityFeatures(graph.nodeCount))
    }

    /// The best linear split's accuracy (`bestLinearSplitAccuracy`) of the factions in a 2-D embedding [34, 2].
    public func separation(of embedding: Tensor) -> Double {
        requireShapes(embedding.rank == 2 && embedding.rows == graph.nodeCount && embedding.columns == 2,
                      "KarateClub.separation (a 2-D point per member)", embedding.shape, [graph.nodeCount, 2])
        return bestLinearSplitAccuracy(x: (0..<embedding.rows).map { Double(embedding[$0, 0]) },
                                       y: (0..<embedding.rows).map { Double(embedding[$0, 1]) }, labels: factions)
    }
}
