// MaskedCrossEntropy.swift: the semi-supervised loss of MLiS II Sec. 2.9.2: softmax over the
// classes (Eq. (2.9.5), Eq. (2.2.9)) and cross-entropy (Table 1.1) on the LABELLED nodes only; the
// other nodes take part through the graph, not through the loss (Kipf & Welling 2017, Eq. (10)).
// Goals, in order: the exact loss and gradient (tests check them by finite differences); stable
// at logits of +-1000 (log-softmax through the log-sum-exp, no log(0)); a clear mask.
//
// With L the set of labelled nodes and Z the logits [N, C]:
//     J = -(1/|L|) sum_(i in L) log softmax(z_i)_(y_i),   log softmax(z)_c = z_c - logsumexp(z)
//     dJ/dZ_i = (softmax(z_i) - onehot(y_i)) / |L|  for i in L,   0 for every other node.

import Core

/// Cross-entropy on a subset of the nodes: the labelled ones, each with its class.
///
/// ```swift
/// let loss = MaskedCrossEntropy(labelledNodes: [0, 33], labels: [0, 1], classes: 2)
/// let (value, gradient) = loss.evaluate(logits)   // logits: [34, 2]; gradient rows 1...32 are zero
/// ```
public struct MaskedCrossEntropy: Sendable {
    /// The nodes whose class is known, L.
    public let labelledNodes: [Int]
    /// The class of each labelled node, in the same order.
    public let labels: [Int]
    public let classes: Int

    /// Preconditions: one label per node, labels in 0..<classes, no node twice, at least one node.
    public init(labelledNodes: [Int], labels: [Int], classes: Int) {
        require(!labelledNodes.isEmpty && labelledNodes.count == labels.count,
                "MaskedCrossEntropy: \(labelledNodes.count) labelled nodes but \(labels.count) labels (need at least one)")
        require(Set(labelledNodes).count == labelledNodes.count, "MaskedCrossEntropy: a node is labelled twice in \(labelledNodes)")
        for (node, label) in zip(labelledNodes, labels) {
            require(node >= 0, "MaskedCrossEntropy: node \(node) does not exist")
            require(label >= 0 && label < classes, "MaskedCrossEntropy: node \(node) has label \(label), not in 0..<\(classes)")
        }
        self.labelledNodes = labelledNodes
        self.labels = labels
        self.classes = classes
    }

    /// The loss J and its gradient dJ/dZ (shape of `logits`, zero on unlabelled rows).
    /// Precondition: logits are [N, classes] with every labelled node < N; otherwise it stops and names them.
    public func evaluate(_ logits: Tensor) -> (loss: Float, gradient: Tensor) {
        requireShapes(logits.rank == 2 && logits.columns == classes, "MaskedCrossEntropy (logits [N, classes])",
                      logits.shape, [classes])
        require(labelledNodes.allSatisfy { $0 < logits.rows },
                "MaskedCrossEntropy: labelled node \(labelledNodes.max() ?? 0) is not a row of the logits \(logits.shape)")
        let share = 1 / Float(labelledNodes.count)
        var loss: Float = 0
        var gradient = Tensor(shape: logits.shape)
        for (node, label) in zip(labelledNodes, labels) {
            let z = logits.row(node)
            loss -= (z[label] - logSumExp(z)) * share       // -log softmax(z)_y, stable
            for (c, p) in softmax(z).enumerated() {
                gradient[node, c] = (p - (c == label ? 1 : 0)) * share
            }
        }
        return (loss, gradient)
    }

    /// J alone.
    public func loss(_ logits: Tensor) -> Float { evaluate(logits).loss }
}
