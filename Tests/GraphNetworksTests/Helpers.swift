// Shared pieces of the GraphNetworks tests: WORKED-NUMBERS.md's hand graph, a random graph, dense Double
// matrix products for the finite-difference references, and the gradient tolerance.

import Foundation
import Testing
import Core
import NeuralNetworks
import GraphNetworks

/// The path graph 0 - 1 - 2 of WORKED-NUMBERS.md (WORKED-NUMBERS.md 9.3 G1).
let pathGraph = Graph(nodeCount: 3, edges: [(0, 1), (1, 2)])

/// 1/sqrt(6), the off-diagonal entry of the path graph's normalised adjacency (block G1).
let oneOverSquareRootSix: Float = 0.4082482905

/// The largest error `GradientCheck.error` may report. The analytic gradients are Float sums of tens
/// of products (about 1e-7 relative each); the references are central differences in Double. 1e-4
/// leaves room for that rounding and still catches any wrong term (those give errors of order 0.1-1).
let gradientTolerance = 1e-4

/// An undirected graph on `nodeCount` nodes where each pair is an edge with probability `density`.
func randomGraph(nodeCount: Int, density: Double, generator: inout Xoshiro256StarStar) -> Graph {
    var edges: [(Int, Int)] = []
    for i in 0..<nodeCount {
        for j in (i + 1)..<nodeCount where generator.uniformDouble() < density { edges.append((i, j)) }
    }
    return Graph(nodeCount: nodeCount, edges: edges)
}

/// The row-major product of an [m, k] and a [k, n] matrix in Double.
func doubleProduct(_ a: [Double], _ b: [Double], m: Int, k: Int, n: Int) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    for i in 0..<m {
        for p in 0..<k where a[i * k + p] != 0 {
            for j in 0..<n { c[i * n + j] += a[i * k + p] * b[p * n + j] }
        }
    }
    return c
}

/// Phi of one value, in Double, for the finite-difference references: the three activations the
/// graph layers here use (MLiS II Table 1.2).
func doubleActivation(_ activation: Activation, _ z: Double) -> Double {
    switch activation {
    case .linear: z
    case .relu: max(0, z)
    case .tanh: tanh(z)
    default: preconditionFailure("doubleActivation: no Double reference for \(activation)")
    }
}

/// Phi(S H K) in Double, the reference forward pass of one graph layer. S is [N, N], H [N, F], K [F, G].
func doubleLayer(s: [Double], h: [Double], k: [Double], nodes: Int, inputs: Int, outputs: Int,
                 activation: Activation) -> [Double] {
    let propagated = doubleProduct(s, h, m: nodes, k: nodes, n: inputs)
    return doubleProduct(propagated, k, m: nodes, k: inputs, n: outputs).map { doubleActivation(activation, $0) }
}

/// The standard error of a child process that an exit test observed, as text.
func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
