// The worked convolution examples of the notes, CONV-1 to CONV-4 (ids of WORKED-NUMBERS.md), and the errata
// about them: E-01, E-02 (Thesis ch. 2 indices), E-41 (cross-correlation, not convolution),
// E-42 (kernel index order); E-39 (the stable softmax of the CNN's output layer).

import Testing
import Core
import NeuralNetworks
import Convolution

/// MLiS II Sec. 2.2.1's 4 x 4 image and 3 x 3 kernel.
let notesImage: [Float] = [0, 1, 2, 3, 4, 5, 4, 4, 6, 5, 7, 1, 1, 2, 2, 8]
let notesKernel: [Float] = [1, 2, 3, 3, 4, 2, 2, 1, 1]

@Suite("Worked convolutions (CONV-1 to CONV-4)")
struct WorkedExampleTests {
    let geometry = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)

    @Test("CONV-1, Thesis ch. 2 Fig. 2.5: the diagonal filter gives [[16, 4, 8], [2, 16, 4], [8, 2, 16]], size (I_w - F_w + 1) x (I_h - F_h + 1)")
    func thesisDiagonalFilter() {
        let image = Tensor(shape: [1, 1, 4, 4], scalars: [8, 2, 4, 4, 1, 8, 2, 4, 4, 1, 8, 2, 8, 4, 1, 8])
        let filter = Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1])
        let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 2)
        #expect((g.outputHeight, g.outputWidth) == (4 - 2 + 1, 4 - 2 + 1))
        for algorithm in ConvolutionAlgorithm.allCases {
            #expect(convolve2D(image, weights: filter, geometry: g, algorithm: algorithm).scalars == [16, 4, 8, 2, 16, 4, 8, 2, 16],
                    "\(algorithm)")
        }
    }

    @Test("CONV-2, E-01, E-02: r[3, 2] (1-based) = R[2][1] (0-based) = 2 with the 4 terms of Eq. (2.8); the printed limits n_i ... n_i + F_height need 9 terms, row 5 of a 4-row image and F[2, .] of a 2 x 2 filter")
    func thesisSingleElement() {
        let image: [[Float]] = [[8, 2, 4, 4], [1, 8, 2, 4], [4, 1, 8, 2], [8, 4, 1, 8]]
        let filter: [[Float]] = [[1, 0], [0, 1]]
        // Corrected (2.7), 0-based: R[a][b] = sum_{i = a}^{a + F_h - 1} sum_{j = b}^{b + F_w - 1}
        // I[i][j] F[i - a][j - b].
        func corrected(_ a: Int, _ b: Int) -> (value: Float, terms: Int) {
            var (sum, terms): (Float, Int) = (0, 0)
            for i in a...(a + 1) { for j in b...(b + 1) { sum += image[i][j] * filter[i - a][j - b]; terms += 1 } }
            return (sum, terms)
        }
        #expect(corrected(2, 1) == (2, 4))          // I[3,2]F[0,0] + I[3,3]F[0,1] + I[4,2]F[1,0] + I[4,3]F[1,1] = 1 + 0 + 0 + 1
        let computed = convolve2D(Tensor(shape: [1, 1, 4, 4], scalars: image.flatMap { $0 }),
                                  weights: Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1]),
                                  geometry: ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 2))
        #expect(computed.scalars[2 * 3 + 1] == 2)
        // As printed (1-based I, upper limits n + F): i = 3...5, j = 2...4.
        let printedRows = Array(3...(3 + 2)), printedColumns = Array(2...(2 + 2))
        #expect(printedRows.count * printedColumns.count == 9)
        #expect(printedRows.max()! > image.count)                       // row 5 of a 4-row image
        #expect(printedRows.map { $0 - 3 }.max()! >= filter.count)      // F[2, .] of a 2 x 2 filter
    }

    @Test("CONV-3, MLiS II Sec. 2.2.1: [[72, 71], [84, 84]], every printed product, by every algorithm")
    func notesExample() {
        let image = Tensor(shape: [1, 1, 4, 4], scalars: notesImage)
        let kernel = Tensor(shape: [1, 1, 3, 3], scalars: notesKernel)
        for algorithm in ConvolutionAlgorithm.allCases {
            #expect(convolve2D(image, weights: kernel, geometry: geometry, algorithm: algorithm).scalars == [72, 71, 84, 84], "\(algorithm)")
        }
        // The products as the notes print them, position by position, taps in row-major order.
        let printed: [[Float]] = [[0, 2, 6, 12, 20, 8, 12, 5, 7], [1, 4, 9, 15, 16, 8, 10, 7, 1], [4, 10, 12, 18, 20, 14, 2, 2, 2]]
        for (position, terms) in printed.enumerated() {
            let (i, j) = (position / 2, position % 2)
            let products = (0..<9).map { t in notesImage[(i + t / 3) * 4 + j + t % 3] * notesKernel[t] }
            #expect(products == terms, "position (\(i), \(j))")
        }
    }

    @Test("E-41: the notes' examples are cross-correlations; flipping the kernel (true convolution, Eq. (2.2.2)) gives [[80, 77], [79, 76]] instead")
    func crossCorrelationNotConvolution() {
        let flipped = Tensor(shape: [1, 1, 3, 3], scalars: notesKernel.reversed())
        let trueConvolution = convolve2D(Tensor(shape: [1, 1, 4, 4], scalars: notesImage), weights: flipped, geometry: geometry)
        #expect(trueConvolution.scalars == [80, 77, 79, 76])
    }

    @Test("E-39, Sec. 2.2.4: the CNN's softmax output (Eq. (2.2.9)) subtracts the largest logit, which becomes 0, not 1: logits (1000, 999) give (0.7311, 0.2689), not NaN")
    func stableSoftmax() {
        let output = Dense(weights: Tensor([[1, 0], [0, 1]]), bias: Tensor([[0, 0]]), activation: .softmax)
        let probabilities = output(Tensor([[1000, 999]]))
        #expect(isApproximatelyEqual(probabilities.scalars, [0.7310585786, 0.2689414214], relativeTolerance: 1e-6))
    }

    @Test("CONV-4, Eq. (2.2.6): K* is the printed 4 x 16 matrix, (I_x - K_x + 1)(I_y - K_y + 1) x I_x I_y, and K* I* = (72, 71, 84, 84)")
    func unrolledMatrix() {
        let kStar = ConvolutionMatrix(weights: Tensor(shape: [1, 1, 3, 3], scalars: notesKernel), geometry: geometry)
        let printed: [[Float]] = [[1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0, 0, 0, 0, 0],
                                  [0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0, 0, 0, 0],
                                  [0, 0, 0, 0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1, 0],
                                  [0, 0, 0, 0, 0, 1, 2, 3, 0, 3, 4, 2, 0, 2, 1, 1]]
        #expect(kStar.matrix == Tensor(printed))
        #expect(kStar.matrix.shape == [(4 - 3 + 1) * (4 - 3 + 1), 4 * 4])
        #expect(kStar.matrix.row(2).firstIndex(of: 1) == 5 - 1)        // the third step starts at I_21 = I*_5 (1-based)
        #expect(kStar.apply(Tensor(shape: [4, 4], scalars: notesImage)).scalars == [72, 71, 84, 84])
    }

    @Test("K* equals the convolution, and K*^T the input gradient, on 20 random geometries with several channels (seed 301)")
    func unrolledMatrixIsTheConvolution() {
        var generator = Xoshiro256StarStar(seed: 301)
        for _ in 0..<20 {
            let g = randomGeometry(&generator)
            let (x, w) = (randomTensor(g.inputShape(batch: 1), &generator), randomTensor(g.weightShape, &generator))
            let d = randomTensor(g.outputShape(batch: 1), &generator)
            let kStar = ConvolutionMatrix(weights: w, geometry: g)
            #expect(isClose(kStar.apply(x).reshaped(g.outputShape(batch: 1)), convolve2D(x, weights: w, geometry: g)), "\(g)")
            #expect(isClose(kStar.applyTransposed(d).reshaped(g.inputShape(batch: 1)),
                            convolve2DInputGradient(d, weights: w, geometry: g)), "\(g)")
        }
    }

    @Test("Fig. 2.2.1 and E-42: several input channels are convolved separately and summed, then one bias is added; weights[k, n, l, m] is the notes' K_{l,m,n,k}")
    func multiChannel() {
        var generator = Xoshiro256StarStar(seed: 302)
        let g = ConvolutionGeometry(channels: 3, height: 5, width: 5, outputChannels: 2, kernel: 3)
        let (x, w) = (randomTensor(g.inputShape(batch: 1), &generator), randomTensor(g.weightShape, &generator))
        let bias = Tensor(shape: [2], scalars: [0.5, -1])
        let y = convolve2D(x, weights: w, bias: bias, geometry: g)
        let single = ConvolutionGeometry(channels: 1, height: 5, width: 5, outputChannels: 1, kernel: 3)
        for k in 0..<2 {
            var expected = Tensor(shape: [1, 1, 3, 3], repeating: bias.scalars[k])
            for n in 0..<3 {
                let channel = Tensor(shape: [1, 1, 5, 5], scalars: Array(x.scalars[(n * 25)..<((n + 1) * 25)]))
                let filter = Tensor(shape: [1, 1, 3, 3], scalars: Array(w.scalars[((k * 3 + n) * 9)..<((k * 3 + n + 1) * 9)]))
                expected.add(convolve2D(channel, weights: filter, geometry: single))
            }
            #expect(isClose(Tensor(shape: [1, 1, 3, 3], scalars: Array(y.scalars[(k * 9)..<((k + 1) * 9)])), expected), "filter \(k)")
        }
    }
}
