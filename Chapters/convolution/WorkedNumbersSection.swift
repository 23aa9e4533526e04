// The worked numbers of MLiS II Sec. 2.2.1 and 2.3.6 and Thesis ch. 2 Fig. 2.5, computed by the
// module, printed beside their equations, with the errata they need (E-01, E-41).

import Convolution
import Core

/// Rows of a [rows, columns] block of values as "[[a, b], [c, d]]".
func matrixText(_ values: [Float], columns: Int) -> String {
    let rows = stride(from: 0, to: values.count, by: columns).map { start in
        "[" + values[start..<(start + columns)].map { formatted(Double($0), digits: 0) }.joined(separator: ", ") + "]"
    }
    return "[" + rows.joined(separator: ", ") + "]"
}

func workedNumbersSection() -> (notesOutput: String, transposedOutput: String, thesisOutput: String, fullPaddingSize: Int,
                                datParameters: String) {
    print("1. The worked convolutions (cross-correlation, as in every example of the notes: E-41)")
    let image = Tensor(shape: [1, 1, 4, 4], scalars: [0, 1, 2, 3, 4, 5, 4, 4, 6, 5, 7, 1, 1, 2, 2, 8])
    let kernel = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 3, 4, 2, 2, 1, 1])
    let g = ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3)
    let output = convolve2D(image, weights: kernel, geometry: g)
    print("   Eq. (2.2.5), Sec. 2.2.1: the 4 x 4 image and 3 x 3 kernel give \(matrixText(output.scalars, columns: 2))"
          + "  (notes: [[72, 71], [84, 84]])")
    let flipped = convolve2D(image, weights: Tensor(shape: [1, 1, 3, 3], scalars: kernel.scalars.reversed()), geometry: g)
    print("   A true convolution (kernel flipped, Eq. (2.2.2)) would give \(matrixText(flipped.scalars, columns: 2)) instead (E-41)")
    let kStar = ConvolutionMatrix(weights: kernel, geometry: g)
    print("   Eq. (2.2.6): K* is \(kStar.matrix.rows) x \(kStar.matrix.columns); its rows, the filter unrolled at each step:")
    for row in 0..<kStar.matrix.rows { print("     " + kStar.matrix.row(row).map { formatted(Double($0), digits: 0) }.joined(separator: " ")) }
    print("   K* I* = (" + kStar.apply(image).scalars.map { formatted(Double($0), digits: 0) }.joined(separator: ", ")
          + ")  (notes: 72, 71, 84, 84)")

    let d = Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 1])
    let transposed = TransposedConvolution2D(weights: kernel, bias: Tensor(shape: [1]))(d)
    print("   Eq. (2.3.5): K*^T D* for D = [[1, 2], [3, 1]] = \(matrixText(transposed.scalars, columns: 4))")
    print("     (notes: [[1, 4, 7, 6], [6, 17, 21, 7], [11, 20, 13, 4], [6, 5, 4, 1]]); size (I - 1)S + K = "
          + "\(transposedConvolutionOutputSize(input: 2, kernel: 3)); <K* I*, D*> = \(formatted(Double(output.dot(d)), digits: 0))"
          + " = <I*, K*^T D*> = \(formatted(Double(image.dot(transposed)), digits: 0))")

    let thesisImage = Tensor(shape: [1, 1, 4, 4], scalars: [8, 2, 4, 4, 1, 8, 2, 4, 4, 1, 8, 2, 8, 4, 1, 8])
    let thesis = convolve2D(thesisImage, weights: Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 1]),
                            geometry: ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 2))
    print("   Thesis ch. 2 Fig. 2.5: the diagonal filter gives \(matrixText(thesis.scalars, columns: 3))")
    print("     r[3, 2] (1-based) = R[2][1] = \(formatted(Double(thesis.scalars[7]), digits: 0)) = 1·1 + 8·0 + 4·0 + 1·1;"
          + " Eq. (2.7)'s limits n_i ... n_i + F_height have one term too many per axis (E-01): 4 terms, not 9")

    let full = ConvolutionGeometry(channels: 1, height: 3, width: 3, outputChannels: 1, kernel: 3, padding: .full)
    let dat = [(5, 1, 0), (5, 1, 2), (2, 2, 2)].map { k, s, p in
        ConvolutionGeometry(channels: 3, height: 32, width: 32, outputChannels: 8, kernel: k, stride: s, padding: .symmetric(p))
    }
    return (matrixText(output.scalars, columns: 2).replacingSpaces(), matrixText(transposed.scalars, columns: 4).replacingSpaces(),
            matrixText(thesis.scalars, columns: 3).replacingSpaces(), full.outputHeight,
            dat.map { "\($0.parameterCount)" }.joined(separator: ","))
}

extension String {
    /// The text without spaces, for a `key=value` summary.
    func replacingSpaces() -> String { filter { $0 != " " } }
}
