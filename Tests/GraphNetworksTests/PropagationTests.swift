// Tests of Propagation.swift: the self-loops A^ = A + I, D^_ii = sum_j A^_ij, the normalised
// adjacency D^^-1/2 A^ D^^-1/2 of MLiS II Eq. (2.9.4) with WORKED-NUMBERS.md's values (WORKED-NUMBERS.md
// Sec. 9.3, block G1; erratum E-49), its spectrum, and what the naive A H of Eq. (2.9.3) gets wrong.

import Testing
import Core
import GraphNetworks

@Suite("Propagation: A, A + I and D^-1/2 (A + I) D^-1/2 (MLiS II Eq. (2.9.3), Eq. (2.9.4))")
struct PropagationTests {
    @Test("Sec. 9.3 (G1): A^ = A + I, D^ = diag(2, 3, 2), D^-1/2 A^ D^-1/2 = [[1/2, 1/sqrt6, 0], [1/sqrt6, 1/3, 1/sqrt6], [0, 1/sqrt6, 1/2]]")
    func pathGraphNormalisation() {
        #expect(pathGraph.adjacencyWithSelfLoops == Tensor([[1, 1, 0], [1, 1, 1], [0, 1, 1]]))
        #expect(pathGraph.degreeMatrixWithSelfLoops == Tensor([[2, 0, 0], [0, 3, 0], [0, 0, 2]]))
        let r = oneOverSquareRootSix
        let expected: [Float] = [0.5, r, 0, r, 1.0 / 3, r, 0, r, 0.5]
        #expect(isApproximatelyEqual(pathGraph.normalisedAdjacency().dense.scalars, expected))
    }

    @Test("E-49 (ii): D^ is the degree matrix of A^ (D^_ii = sum_j A^_ij = d_i + 1), not of A")
    func degreeOfSelfLoopedGraph() {
        let a = pathGraph.adjacencyWithSelfLoops
        for i in 0..<3 {
            #expect(pathGraph.degreeMatrixWithSelfLoops[i, i] == (0..<3).reduce(0) { $0 + a[i, $1] })
        }
        // With D instead of D^ the entry (0, 0) would be 1 / sqrt(1 * 1) = 1, not 1/2.
        #expect(pathGraph.normalisedAdjacency().dense[0, 0] == 0.5)
    }

    @Test("The normalised adjacency is symmetric with eigenvalues in [-1, 1], the largest exactly 1 (seed 19 and the karate club)")
    func spectrumInUnitInterval() throws {
        var generator = Xoshiro256StarStar(seed: 19)
        var graphs = [pathGraph, try KarateClub.load().graph]
        for _ in 0..<5 { graphs.append(randomGraph(nodeCount: 20, density: 0.25, generator: &generator)) }
        for (index, graph) in graphs.enumerated() {
            let normalised = graph.normalisedAdjacency()
            #expect(normalised.isSymmetric, "graph \(index)")
            let eigenvalues = symmetricEigenvalues(normalised.dense)
            #expect(eigenvalues.first! >= -1 - 1e-6 && eigenvalues.last! <= 1 + 1e-6, "graph \(index): \(eigenvalues)")
            #expect(abs(eigenvalues.last! - 1) < 1e-6, "graph \(index): the largest eigenvalue is \(eigenvalues.last!)")
        }
    }

    @Test("Its eigenvector of eigenvalue 1 is D^^1/2 1: D^-1/2 A^ D^-1/2 sqrt(d^) = sqrt(d^) on the karate club")
    func topEigenvector() throws {
        let graph = try KarateClub.load().graph
        let v = Tensor(column: graph.degrees.map { ($0 + 1).squareRoot() })
        #expect(isApproximatelyEqual(graph.normalisedAdjacency().times(v).scalars, v.scalars, relativeTolerance: 1e-5))
    }

    @Test("Eq. (2.9.3)'s flaw 1: (A H)_i misses node i's own features; (A^ H)_i and the normalised form keep them")
    func naiveMissesOwnFeatures() {
        // H = I: row i of S H is row i of S, and its entry i is how much of node i's own feature it keeps.
        let h = identityFeatures(3)
        let naive = pathGraph.propagationMatrix(.naive).times(h)
        let selfLooped = pathGraph.propagationMatrix(.selfLoops).times(h)
        let normalised = pathGraph.propagationMatrix(.normalised).times(h)
        for i in 0..<3 {
            #expect(naive[i, i] == 0, "A H drops node \(i)'s own feature")
            #expect(selfLooped[i, i] == 1)
            #expect(normalised[i, i] > 0)
        }
        // A feature that only node 1 carries: A H gives it to 0 and 2 but takes it from node 1 itself.
        let onlyMiddle = Tensor(column: [0, 1, 0])
        #expect(pathGraph.propagationMatrix(.naive).times(onlyMiddle).scalars == [1, 0, 1])
        #expect(pathGraph.propagationMatrix(.selfLoops).times(onlyMiddle).scalars == [1, 1, 1])
    }

    @Test("Eq. (2.9.3)'s flaw 2: ten naive steps A^10 x grow a million-fold on the karate club; normalised steps never grow ||x||")
    func naiveBlowsUp() throws {
        let graph = try KarateClub.load().graph
        var generator = Xoshiro256StarStar(seed: 23)
        let x = generator.normalTensor(shape: [34, 1])
        let norm = { (t: Tensor) in Double(t.dot(t)).squareRoot() }
        let naive = diffusionSequence(x, shift: graph.propagationMatrix(.naive), count: 11)
        let normalised = diffusionSequence(x, shift: graph.propagationMatrix(.normalised), count: 11)
        // lambda_max(A) = 6.726 for the karate club, and 6.726^10 is about 2e8.
        #expect(norm(naive[10]) > 1e6 * norm(x), "||A^10 x|| / ||x|| = \(norm(naive[10]) / norm(x))")
        for k in 1...10 { #expect(norm(normalised[k]) <= norm(normalised[k - 1]) * (1 + 1e-6), "step \(k)") }
        let largest = symmetricEigenvalues(graph.adjacency).last!
        #expect(abs(largest - 6.7257) < 1e-3, "lambda_max(A) = \(largest)")
    }

    @Test("High-degree nodes dominate A H: row sums of A are the degrees; of D^-1/2 A^ D^-1/2 they stay near 1")
    func rowSumsFollowDegree() throws {
        let graph = try KarateClub.load().graph
        let ones = Tensor(shape: [34, 1], repeating: 1)
        let naive = graph.propagationMatrix(.naive).times(ones).scalars
        #expect(naive == graph.degrees)
        #expect(naive.max()! == 17 && naive.min()! == 1)
        let normalised = graph.propagationMatrix(.normalised).times(ones).scalars
        #expect(normalised.allSatisfy { $0 > 0.5 && $0 < 2.5 }, "\(normalised)")
    }
}
