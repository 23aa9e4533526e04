// PositionalEncoding.swift: DL Padova "Positional Encoding": small constants added to each word's
// embedding, so that the same word at another position is represented slightly differently. The notes
// describe it without a formula (E-67); this is the sinusoidal encoding of Vaswani et al., "Attention
// is all you need" (NeurIPS 2017), Sec. 3.5, which we take and say so.
// Goals, in order: Vaswani's formula exactly (computed in Double); the matrix on its own, to draw; a
// layer that adds it, so that the rest of the network sees it as one more `Layer`.
//
// Why it is needed: attention without it is permutation-equivariant (permuting the tokens permutes the
// outputs; the tests check it), so a reversal or a sort could not be learnt: nothing would say where a
// token stands.

import Core
import Foundation
import NeuralNetworks

/// PE of shape [T, d_model]   (Vaswani et al. 2017, Sec. 3.5)
///
///     PE[pos, 2i]     = sin(pos / 10000^(2i / d_model))
///     PE[pos, 2i + 1] = cos(pos / 10000^(2i / d_model))
///
/// Each pair of columns is a sinusoid of its own wavelength, from 2 pi (columns 0, 1) to 10000 2 pi;
/// PE[pos + k] is a fixed rotation of PE[pos] in every pair, for any pos.
///
/// ```swift
/// sinusoidalPositionalEncoding(length: 2, modelWidth: 4)
/// // [[0, 1, 0, 1], [0.8415, 0.5403, 0.0100, 1.0000]]: sin 1, cos 1, sin 0.01, cos 0.01
/// ```
public func sinusoidalPositionalEncoding(length: Int, modelWidth: Int) -> Tensor {
    require(length >= 0 && modelWidth >= 1, "sinusoidalPositionalEncoding: needs T >= 0 and d_model >= 1, got \(length) and \(modelWidth)")
    var encoding = Tensor(shape: [length, modelWidth])
    for position in 0..<length {
        for column in 0..<modelWidth {
            let pair = Double(column - column % 2)                                   // 2i
            let angle = Double(position) / pow(10000, pair / Double(modelWidth))
            encoding[position, column] = Float(column % 2 == 0 ? sin(angle) : cos(angle))
        }
    }
    return encoding
}

/// X + PE for every sequence of a batch [B, T, d_model]: a layer without parameters, whose backward
/// pass hands the gradient on unchanged (PE is a constant).
public final class PositionalEncoding: Layer {
    public let modelWidth: Int
    /// PE for positions 0 ..< maximumLength, [maximumLength, d_model].
    public let table: Tensor

    public init(modelWidth: Int, maximumLength: Int) {
        self.modelWidth = modelWidth
        table = sinusoidalPositionalEncoding(length: maximumLength, modelWidth: modelWidth)
    }

    /// Shapes: [B, T, d_model] to the same. Precondition: T <= maximumLength.
    public func forward(_ input: Tensor, training: Bool = false) -> Tensor {
        requireShapes(input.rank == 3 && input.shape[2] == modelWidth && input.shape[1] <= table.shape[0],
                      "PositionalEncoding.forward (X [B, T, d_model] vs PE [maximum T, d_model])", input.shape, table.shape)
        let length = input.shape[1]
        return input + table.sliced(0..<length).repeated(input.shape[0], alongNewAxis: 0)
    }

    public func backward(_ outputGradient: Tensor) -> Tensor { outputGradient }
}
