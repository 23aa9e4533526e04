// Zachary's karate club: the adjacency matrix as an image (Fig. 2.9.2 for real data), Kipf & Welling's
// untrained three-layer embedding, and the semi-supervised two-layer GCN of MLiS II Eq. (2.9.5)
// trained with one labelled member per faction (Sec. 2.9.2), its embedding drawn through training.

import Core
import GraphNetworks

struct KarateResults {
    var untrainedSeparation = 0.0
    var untrainedSeparationMean = 0.0
    var randomSeparationMean = 0.0
    var accuracy = 0.0
    var correct = 0
    var finalLoss: Float = 0
}

/// Class labels for the scatter plots: the faction, or 2 and 3 for the two labelled members.
let embeddingClassNames = ["Mr. Hi", "Officer", "member 0: labelled Mr. Hi", "member 33: labelled Officer"]

func karateSection(options: ChapterOptions) throws -> KarateResults {
    var results = KarateResults()
    let club = try KarateClub.load()
    print("5. Zachary's karate club: \(club.graph.nodeCount) members, \(club.graph.edges.count) friendships; after a quarrel the club split")
    print("   between Mr. Hi (member 0, \(club.factions.filter { $0 == 0 }.count) followers) and the Officer (member 33,"
          + " \(club.factions.filter { $0 == 1 }.count)).")
    try writeAdjacencyImages(club, options: options)
    try untrainedEmbedding(club, options: options, results: &results)
    try semiSupervisedTraining(club, options: options, results: &results)
    return results
}

/// A in the file's order, and the same graph with the members renumbered faction by faction: the same
/// friendships, another picture, two blocks (the notes: the matrix depends on how the nodes are labelled).
private func writeAdjacencyImages(_ club: KarateClub, options: ChapterOptions) throws {
    let byFaction = (0..<34).sorted { (club.factions[$0], $0) < (club.factions[$1], $1) }
    var newLabel = [Int](repeating: 0, count: 34)
    for (position, member) in byFaction.enumerated() { newLabel[member] = position }
    var images = ImageGrid(title: "Karate club: the adjacency matrix A (black: friends)", columns: 2, valueRange: 0...1, imageSize: 272)
    images.add(image: club.graph.adjacency.scalars, width: 34, height: 34, caption: "members in the file's order")
    images.add(image: club.graph.relabelled(newLabel).adjacency.scalars, width: 34, height: 34,
               caption: "renumbered: Mr. Hi's 17, then the Officer's")
    let path = try options.figurePath("karate-adjacency.svg")
    try images.write(to: path)
    print("   The adjacency matrix as an image (like Fig. 2.9.2), in the file's order and renumbered faction by faction:")
    print("   the same graph; after renumbering, two dense blocks appear.\n   wrote \(path)\n")
}

/// Kipf & Welling's demonstration: a GCN with random weights already places the factions apart.
private func untrainedEmbedding(_ club: KarateClub, options: ChapterOptions, results: inout KarateResults) throws {
    print("   An untrained GCN, 34 -> 4 -> 4 -> 2 with tanh, Xavier weights (Eq. (1.6.4)), X = I: every member becomes a point")
    print("   in the plane. How well does the best straight line split the factions there?")
    let embedding = club.untrainedEmbedding(seed: options.seed)
    results.untrainedSeparation = club.separation(of: embedding)
    let seeds = 50
    var generator = Xoshiro256StarStar(seed: options.seed &+ 1_000)
    var progress = ProgressLine(total: seeds, label: "   seeds")
    for seed in 1...seeds {
        results.untrainedSeparationMean += club.separation(of: club.untrainedEmbedding(seed: options.seed &+ UInt64(seed))) / Double(seeds)
        results.randomSeparationMean += club.separation(of: generator.normalTensor(shape: [34, 2])) / Double(seeds)
        progress.update(seed)
    }
    progress.finish()
    print("   seed \(options.seed): \(formatted(results.untrainedSeparation * 100, digits: 1)) % of the members on their faction's side;"
          + " mean over \(seeds) other seeds \(formatted(results.untrainedSeparationMean * 100, digits: 1)) %.")
    print("   The same measure on random points (no graph) is \(formatted(results.randomSeparationMean * 100, digits: 1)) %: with 34 points"
          + " the best of all lines")
    print("   always finds some split, so that, not 50 %, is the baseline. The graph's smoothing alone puts friends together.")
    let path = try options.figurePath("karate-untrained-embedding.svg")
    try embeddingPlot(embedding, club: club, title: "Untrained 3-layer GCN (seed \(options.seed)): best line splits"
                      + " \(formatted(results.untrainedSeparation * 100, digits: 0)) %").write(to: path)
    print("   wrote \(path)\n")
}

/// Eq. (2.9.5) trained on members 0 and 33 only; the 2-D logits drawn at a few epochs.
private func semiSupervisedTraining(_ club: KarateClub, options: ChapterOptions, results: inout KarateResults) throws {
    print("   Semi-supervised (Sec. 2.9.2): the two-layer GCN of Eq. (2.9.5), 34 -> 16 (ReLU) -> 2, X = I, is told only the factions")
    print("   of members 0 and 33; the loss is the cross-entropy on those two. Adam (Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10),")
    print("   Eq. (1.5.11)), alpha = \(options.learningRate), \(options.epochs) epochs, seed \(options.seed).")
    let x = identityFeatures(34)
    let snapshots = Set([0, 10, 30, options.epochs])
    var snapshotLogits: [(epoch: Int, logits: Tensor, accuracy: Double)] = []
    var accuracies: [Double] = []
    var progress = ProgressLine(total: options.epochs, label: "   epoch")
    let (model, losses) = try club.trainSemiSupervised(seed: options.seed, epochs: options.epochs,
                                                       learningRate: options.learningRate) { epoch, model in
        let logits = model(x)
        let accuracy = club.unlabelledAccuracy(logits.argmaxPerRow())
        if epoch > 0 {
            accuracies.append(accuracy)
            progress.update(epoch, message: "accuracy on the 32 others \(formatted(accuracy * 100, digits: 1)) %")
        }
        if snapshots.contains(epoch) { snapshotLogits.append((epoch, logits, accuracy)) }
    }
    progress.finish()
    var figures: [String] = []
    for (epoch, logits, accuracy) in snapshotLogits {
        let title = "GCN logits after \(epoch) epochs: \(formatted(accuracy * 100, digits: 1)) % of 32 right"
        figures.append(try options.figurePath("karate-embedding-epoch-\(epoch).svg"))
        try embeddingPlot(logits, club: club, title: title).write(to: figures.last!)
    }
    let predictions = model.predictions(x)
    results.accuracy = club.unlabelledAccuracy(predictions)
    results.correct = club.unlabelledMembers.filter { predictions[$0] == club.factions[$0] }.count
    results.finalLoss = losses.last ?? .nan
    print("   Loss on the two labelled members \(formatted(losses.first ?? .nan)) -> \(formatted(results.finalLoss)); accuracy on the other 32:"
          + " \(results.correct)/32 = \(formatted(results.accuracy * 100, digits: 1)) %.")
    for member in club.unlabelledMembers where predictions[member] != club.factions[member] {
        let friends = club.graph.neighbours[member]
        print("   member \(member) (\(KarateClub.factionNames[club.factions[member]])) is placed with \(KarateClub.factionNames[predictions[member]]):"
              + " of its \(friends.count) friends \(friends.filter { club.factions[$0] == 1 }.count) joined the Officer.")
    }
    var curves = LinePlot(title: "Karate club: semi-supervised GCN (members 0 and 33 labelled)", xLabel: "epoch", yLabel: "value")
    curves.width = 820
    curves.add(x: (1...losses.count).map(Double.init), y: losses, name: "loss on the 2 labelled members")
    curves.add(x: (1...accuracies.count).map(Double.init), y: accuracies, name: "accuracy on the 32 others")
    figures.append(try options.figurePath("karate-training.svg"))
    try curves.write(to: figures.last!)
    print(figures.map { "   wrote \($0)" }.joined(separator: "\n") + "\n")
}

/// A scatter plot of a [34, 2] embedding, coloured by faction, the two labelled members marked apart.
private func embeddingPlot(_ embedding: Tensor, club: KarateClub, title: String) -> ScatterPlot {
    var plot = ScatterPlot(title: title, xLabel: "output 1", yLabel: "output 2", classNames: embeddingClassNames)
    plot.width = 720
    let labels = (0..<34).map { member in
        member == KarateClub.instructor ? 2 : member == KarateClub.administrator ? 3 : club.factions[member]
    }
    plot.add(x: (0..<34).map { embedding[$0, 0] }, y: (0..<34).map { embedding[$0, 1] }, labels: labels)
    return plot
}
