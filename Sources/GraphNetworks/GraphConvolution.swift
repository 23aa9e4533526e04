// GraphConvolution.swift: one graph convolutional layer H^(l) = f(H^(l-1), A) = Phi(S H^(l-1) K^(l)),
// with its forward and backward pass side by side. MLiS II Sec. 2.9.2, Eqs. (2.9.2)-(2.9.4);
// Kipf & Welling, "Semi-supervised classification with graph convolutional networks" (ICLR 2017), Eq. (2).
// Goals, in order: the notes' equation and the chain rule readable in one screen; every gradient
// checked against finite differences (tests); products through the sparse kernel and Core's GEMM.
//
// Shapes (one node per row, the notes' F x N transposed: erratum E-49 (i)):
//     S   [N, N]        the propagation matrix: D^^-1/2 A^ D^^-1/2 (Eq. 2.9.4), or A (Eq. 2.9.3)
//     H   [N, F_in]     the features of the previous layer, H^(0) = X (X = I when nothing is known)
//     K   [F_in, F_out] the layer's weights (W^(l) in Eq. 2.9.5)
//     H'  [N, F_out]    this layer's output
//
// Forward:   P = S H,   Z = P K,   H' = Phi(Z)
// Backward, from G = dJ/dH' (the chain rule in the same order, read backwards):
//     dJ/dZ = G (.) Phi'(Z)                 (elementwise)
//     dJ/dK = P^T dJ/dZ                     (as for a dense layer, with the propagated P as input)
//     dJ/dH = S^T (dJ/dZ K^T)               (the adjoint of the propagation sends gradients back
//                                            along the same edges; S^T = S for an undirected graph)

import Core

/// One graph convolutional layer: its weights K and its activation Phi. The graph is an argument of
/// `forward` and `backward`, as in f(H, A) of Eq. (2.9.2): the same layer runs on any graph, and
/// relabelling the nodes relabels its output (permutation equivariance).
///
/// ```swift
/// let path = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])
/// let layer = GraphConvolution(weights: Tensor([[1, -1, 0.5], [0.5, 1, -1]]), activation: .relu)
/// let (h, _) = layer.forward(Tensor([[1, 0], [0, 1], [1, 1]]), propagation: path.normalizedAdjacency())
/// print(formatted(h[0, 0]), h[0, 1], h[0, 2])   // 0.7041 0.0 0.0: the catalogue's first hidden row (Sec. 9.3, G1)
/// ```
public struct GraphConvolution: Sendable {
    /// K, shape [F_in, F_out].
    public var weights: Tensor
    public var activation: Activation

    /// What the forward pass keeps for the backward pass.
    public struct Cache: Sendable {
        /// P = S H, shape [N, F_in].
        public let propagated: Tensor
        /// Z = P K, shape [N, F_out].
        public let preActivation: Tensor
        /// H' = Phi(Z), shape [N, F_out].
        public let output: Tensor
    }

    /// A layer with the given weights K (shape [F_in, F_out]). Precondition: K is a matrix.
    public init(weights: Tensor, activation: Activation) {
        require(weights.rank == 2, "GraphConvolution: the weights K must be a matrix [F_in, F_out], got shape \(weights.shape)")
        self.weights = weights
        self.activation = activation
    }

    /// A layer with Xavier (Glorot) normal weights, K_ij ~ N(0, sd^2) with sd = sqrt(2 / (F_in + F_out))
    /// (MLiS II Eq. 1.6.4, whose second argument is the standard deviation: erratum E-51).
    public init(inputs: Int, outputs: Int, activation: Activation, generator: inout Xoshiro256StarStar) {
        require(inputs > 0 && outputs > 0, "GraphConvolution: sizes must be positive, got \(inputs) -> \(outputs)")
        let deviation = (2 / Float(inputs + outputs)).squareRoot()
        self.init(weights: generator.normalTensor(shape: [inputs, outputs], standardDeviation: deviation),
                  activation: activation)
    }

    public var inputCount: Int { weights.rows }
    public var outputCount: Int { weights.columns }

    /// H' = Phi(S H K)   (Eq. 2.9.4 with S = D^^-1/2 A^ D^^-1/2; Eq. 2.9.3 with S = A), and the cache
    /// for `backward`. Preconditions: S is [N, N], H is [N, F_in]; otherwise it stops and names the shapes.
    public func forward(_ h: Tensor, propagation s: SparseMatrix) -> (output: Tensor, cache: Cache) {
        requireShapes(s.rows == s.columns && h.rank == 2 && h.rows == s.columns,
                      "GraphConvolution.forward (S H: S is [N, N], H is [N, F_in])", [s.rows, s.columns], h.shape)
        requireShapes(h.columns == weights.rows, "GraphConvolution.forward (H K: H is [N, F_in], K is [F_in, F_out])",
                      h.shape, weights.shape)
        let propagated = s.times(h)                      // P = S H
        let preActivation = matmul(propagated, weights)  // Z = P K
        let output = preActivation.map(activation.callAsFunction)
        return (output, Cache(propagated: propagated, preActivation: preActivation, output: output))
    }

    /// The gradients of a loss J with respect to the layer's input H and weights K, from G = dJ/dH'.
    /// Precondition: G has the shape of the cached output; otherwise it stops and names both shapes.
    public func backward(_ outputGradient: Tensor, cache: Cache, propagation s: SparseMatrix)
        -> (inputGradient: Tensor, weightGradient: Tensor)
    {
        requireShapes(outputGradient.shape == cache.output.shape, "GraphConvolution.backward (dJ/dH' against H')",
                      outputGradient.shape, cache.output.shape)
        let derivative = Tensor(shape: cache.output.shape, scalars: zip(cache.preActivation.scalars, cache.output.scalars)
            .map { activation.derivative(preActivation: $0, output: $1) })              // Phi'(Z)
        let zGradient = hadamard(outputGradient, derivative)                           // dJ/dZ = G (.) Phi'(Z)
        let weightGradient = matmul(cache.propagated, zGradient, transposeA: true)          // P^T dJ/dZ
        let inputGradient = s.transposedTimes(matmul(zGradient, weights, transposeB: true))  // S^T dJ/dZ K^T
        return (inputGradient, weightGradient)
    }
}

/// The elementwise (Hadamard) product a (.) b through Core's SIMD kernel. Precondition: equal shapes.
func hadamard(_ a: Tensor, _ b: Tensor) -> Tensor {
    requireShapes(a.shape == b.shape, "hadamard", a.shape, b.shape)
    var product = a
    a.scalars.withUnsafeBufferPointer { x in
        b.scalars.withUnsafeBufferPointer { y in
            product.scalars.withUnsafeMutableBufferPointer { Kernels.multiply(x, y, into: $0) }
        }
    }
    return product
}
