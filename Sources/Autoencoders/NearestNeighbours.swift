// NearestNeighbours.swift: the k-nearest-neighbour classifier used to ask how much of the digit's
// class an autoencoder's code keeps (fit on the training set's codes, score the test set's): a
// simple classifier on the codes, which no label shaped. Not in the notes: an evaluation tool,
// written plainly (squared Euclidean distances, a stable sort, a vote).
// Goals, in order: a rule stated exactly (ties included), so the reported accuracies are reproducible;
// readable; fast enough for a few thousand points in a few dimensions.

import Core

/// Classifies a point by a vote of its k nearest training points (squared Euclidean distance).
///
/// Ties: between equally distant training points, the one earlier in the training set counts as
/// nearer; between classes with equal votes, the class of the nearest point among them wins (so
/// k = 1 is the plain nearest neighbour, and a 2-2-1 vote goes to the pair holding the nearest point).
///
/// ```swift
/// let classifier = NearestNeighbourClassifier(points: Tensor([[0, 0], [0, 1], [5, 5]]), labels: [0, 0, 1], k: 1)
/// print(classifier.classify(Tensor([[4, 4], [0, 0.2]])))   // [1, 0]
/// ```
public struct NearestNeighbourClassifier: Sendable {
    /// The training points [M, d] and their classes.
    public let points: Tensor
    public let labels: [Int]
    public let k: Int

    /// Preconditions: points [M, d] with one label each, 1 <= k <= M.
    public init(points: Tensor, labels: [Int], k: Int = 5) {
        require(points.rank == 2 && points.rows == labels.count,
                "NearestNeighbourClassifier: points \(points.shape) need one label per row, got \(labels.count) labels")
        require(k >= 1 && k <= labels.count, "NearestNeighbourClassifier: k must lie in 1...\(labels.count), got \(k)")
        (self.points, self.labels, self.k) = (points, labels, k)
    }

    /// The voted class of each row of `queries` [Q, d].
    public func classify(_ queries: Tensor) -> [Int] {
        requireShapes(queries.rank == 2 && queries.columns == points.columns,
                      "NearestNeighbourClassifier.classify: queries [Q, d] vs points [M, d]", queries.shape, points.shape)
        return (0..<queries.rows).map { vote(nearest(to: queries.row($0))) }
    }

    /// The indices of the k training points nearest to `query`, nearest first.
    public func nearest(to query: [Float]) -> [Int] {
        let d = points.columns
        let distances = (0..<points.rows).map { i in
            (0..<d).reduce(Float(0)) { total, j in
                let difference = points.scalars[i * d + j] - query[j]
                return total + difference * difference
            }
        }
        let order = distances.indices.sorted { (distances[$0], $0) < (distances[$1], $1) }
        return Array(order.prefix(k))
    }

    /// The class with most votes among `neighbours` (nearest first); a tie goes to the class that
    /// appears first.
    private func vote(_ neighbours: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for index in neighbours { counts[labels[index], default: 0] += 1 }
        let most = counts.values.max() ?? 0
        return neighbours.map { labels[$0] }.first { counts[$0] == most }!
    }
}
