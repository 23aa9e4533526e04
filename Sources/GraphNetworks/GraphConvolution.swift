// GraphConvolution.swift: one graph convolutional layer H^(l) = f(H^(l-1), A) = Phi(S H^(l-1) K^(l)),
// with its forward and backward pass side by side. MLiS II Sec. 2.9.2, Eq. (2.9.2), Eq. (2.9.3),
// Eq. (2.9.4); Kipf & Welling, "Semi-supervised classification with graph convolutional networks"
// (ICLR 2017), Eq. (2).
// Goals, in order: the notes' equation and the chain rule readable in one screen; a NeuralNetworks
// `Layer`, so the course's activations, initialisers and optimisers serve it unchanged; every gradient
// checked against finite differences (tests); products through the sparse kernel and Core's GEMM.
//
// Shapes (one node per row, the notes' F x N transposed: erratum E-49 (i)):
//     S   [N, N]        the propagation matrix: D^^-1/2 A^ D^^-1/2 (Eq. (2.9.4)), or A (Eq. (2.9.3))
//     H   [N, F_in]     the features of the previous layer, H^(0) = X (X = I when nothing is known)
//     K   [F_in, F_out] the layer's weights (W^(l) in Eq. (2.9.5))
//     H'  [N, F_out]    this layer's output
//
// Forward:   P = S H,   Z = P K,   H' = Phi(Z)
// Backward, from G = dJ/dH' (the chain rule in the same order, read backwards):
//     dJ/dZ = G (.) Phi'(Z)                 (Eq. (1.3.4), NeuralNetworks' `Activation.delta`)
//     dJ/dK = P^T dJ/dZ                     (Eq. (1.3.7) of a dense layer, with the propagated P as input)
//     dJ/dH = S^T (dJ/dZ K^T)               (the adjoint of the propagation sends gradients back
//                                            along the same edges; S^T = S for an undirected graph)
// The batch of a graph layer is the whole graph: its N rows are the N nodes, and S mixes them, so
// unlike a dense layer's rows they are not independent examples.

import Core
import NeuralNetworks

/// One graph convolutional layer: its weights K, its activation Phi, and the graph it propagates
/// along, S. A `Layer`: `forward` maps the node features H [N, F_in] to H' [N, F_out], `backward`
/// sets dJ/dK and returns dJ/dH, and `parameters` is [K] for any optimiser.
///
/// ```swift
/// let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
/// let layer = GraphConvolution(weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]), activation: .relu,
///                              propagation: path.normalisedAdjacency())
/// let h = layer(Tensor([[1, 0], [0, 1], [1, 1]]))
/// print(formatted(h[0, 0]), h[0, 1], h[0, 2])   // 0.7041 0.0 0.0: WORKED-NUMBERS.md's first hidden row (Sec. 9.3, G1)
/// ```
///
/// S is a property, not part of the input, because a `Layer` sees one tensor; setting it runs the
/// same weights on another graph (relabelling the nodes relabels the output: permutation equivariance).
public final class GraphConvolution: Layer {
    /// K, shape [F_in, F_out]; penalised by an L2 or L1 penalty (it is a weight).
    public let weights: Parameter
    /// Phi, from NeuralNetworks (MLiS II Table 1.2; ReLU'(0) = 1, erratum E-09).
    public let activation: Activation
    /// S, shape [N, N]: D^^-1/2 A^ D^^-1/2 for the layer of Eq. (2.9.4).
    public var propagation: SparseMatrix

    /// S, P = S H, Z = P K and H' = Phi(Z) of the last forward pass, kept for the backward pass.
    private var cache: (propagation: SparseMatrix, propagated: Tensor, preActivation: Tensor, output: Tensor)?

    /// A layer with the given weights K (shape [F_in, F_out]) on the graph S.
    /// Preconditions: K is a matrix and S is square; otherwise it stops and names the shape.
    public init(weights: Tensor, activation: Activation, propagation: SparseMatrix) {
        require(weights.rank == 2, "GraphConvolution: the weights K must be a matrix [F_in, F_out], got shape \(weights.shape)")
        require(propagation.rows == propagation.columns,
                "GraphConvolution: the propagation S must be square [N, N], got [\(propagation.rows), \(propagation.columns)]")
        self.weights = Parameter("K", value: weights, isPenalised: true)
        self.activation = activation
        self.propagation = propagation
    }

    /// A layer of `outputs` features on `inputs` features, weights drawn by `weightInitialisation`:
    /// Xavier (Glorot) normal by default, K_ij ~ N(0, sd^2) with sd = sqrt(2 / (F_in + F_out))
    /// (MLiS II Eq. (1.6.4), whose second argument is the standard deviation: erratum E-51).
    public convenience init(inputs: Int, outputs: Int, activation: Activation, propagation: SparseMatrix,
                            weightInitialisation: Initialisation = .xavierNormal,
                            generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && outputs > 0, "GraphConvolution: sizes must be positive, got \(inputs) -> \(outputs)")
        let k = weightInitialisation.tensor(shape: [inputs, outputs], inputs: inputs, outputs: outputs, generator: &generator)
        self.init(weights: k, activation: activation, propagation: propagation)
    }

    public var inputCount: Int { weights.value.rows }
    public var outputCount: Int { weights.value.columns }
    public var parameters: [Parameter] { [weights] }

    /// H' = Phi(S H K), kept for `backward`   (Eq. (2.9.4) with S = D^^-1/2 A^ D^^-1/2; Eq. (2.9.3) with S = A)
    ///
    /// Shapes: H [N, F_in] -> H' [N, F_out]. `training` changes nothing here.
    /// Preconditions: H has N rows and F_in columns; otherwise it stops and names the shapes.
    public func forward(_ h: Tensor, training: Bool = false) -> Tensor {
        let s = propagation
        requireShapes(h.rank == 2 && h.rows == s.columns,
                      "GraphConvolution.forward (S H: S is [N, N], H is [N, F_in])", [s.rows, s.columns], h.shape)
        requireShapes(h.columns == inputCount, "GraphConvolution.forward (H K: H is [N, F_in], K is [F_in, F_out])",
                      h.shape, weights.value.shape)
        let p = s.times(h)                        // P = S H
        let z = matmul(p, weights.value)          // Z = P K
        let a = activation.apply(z)               // H' = Phi(Z)
        cache = (s, p, z, a)
        return a
    }

    /// From G = dJ/dH' (shape [N, F_out]) of the last forward pass: sets dJ/dK and returns dJ/dH [N, F_in].
    ///
    ///     dJ/dZ = G (.) Phi'(Z)      Eq. (1.3.4)
    ///     dJ/dK = P^T dJ/dZ          (Eq. (1.3.7) with P = S H as the layer's input)
    ///     dJ/dH = S^T dJ/dZ K^T      (Eq. (1.3.6), then back along the edges)
    ///
    /// Preconditions: a forward pass came first, and G has the shape of its output; otherwise it stops.
    public func backward(_ outputGradient: Tensor) -> Tensor {
        guard let (s, p, z, a) = cache else {
            requirementFailed("GraphConvolution.backward: called before forward; run a forward pass on the graph first")
        }
        requireShapes(outputGradient.shape == a.shape, "GraphConvolution.backward (dJ/dH' against H')",
                      outputGradient.shape, a.shape)
        let zGradient = activation.delta(outputGradient: outputGradient, preActivation: z, output: a)   // dJ/dZ
        weights.gradient = matmul(p, zGradient, transposeA: true)                                        // P^T dJ/dZ
        return s.transposedTimes(matmul(zGradient, weights.value, transposeB: true))                     // S^T dJ/dZ K^T
    }
}
