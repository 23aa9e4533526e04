// Reference+Softmax.swift: the plain twin of Tensor+Softmax.swift (MLiS II Eq. (2.2.9), Eq. (2.2.10)
// along one axis), the oracle the tests compare the fast version against.
// Goals, in order: obviously correct (each output from its coordinates, the formula as it reads);
// the same shapes, masks (-infinity) and edge cases as the fast version; speed does not matter.

import Foundation

extension Reference {
    /// `softmaxAlong(axis:)`: s[..., i, ...] = e^{x[..., i, ...] - m} / sum_i' e^{x[..., i', ...] - m},
    /// m the largest value of the fibre, summed in the order of i.
    public static func softmax(_ x: Tensor, alongAxis axis: Int) -> Tensor {
        let largest = maximum(x, alongAxis: axis)
        var exponentials = Tensor(shape: x.shape)
        for index in 0..<x.count {
            exponentials.scalars[index] = exp(x.scalars[index] - largest.scalars[fibre(of: index, in: x.shape, axis: axis)])
        }
        let totals = sum(exponentials, alongAxis: axis)
        var result = exponentials
        for index in 0..<x.count { result.scalars[index] /= totals.scalars[fibre(of: index, in: x.shape, axis: axis)] }
        return result
    }

    /// `softmaxBackward`: dJ/dx_k = s_k (g_k - sum_i g_i s_i) in each fibre (the Jacobian of Eq. (2.2.10)).
    public static func softmaxBackward(_ outputGradient: Tensor, output: Tensor, alongAxis axis: Int) -> Tensor {
        var products = output
        for index in 0..<output.count { products.scalars[index] *= outputGradient.scalars[index] }
        let projections = sum(products, alongAxis: axis)
        var gradient = Tensor(shape: output.shape)
        for index in 0..<output.count {
            let projection = projections.scalars[fibre(of: index, in: output.shape, axis: axis)]
            gradient.scalars[index] = output.scalars[index] * (outputGradient.scalars[index] - projection)
        }
        return gradient
    }

    /// The flat index, in the tensor reduced along `axis`, of the fibre that holds element `index`.
    static func fibre(of index: Int, in shape: [Int], axis: Int) -> Int {
        var position = coordinates(of: index, in: shape)
        position.remove(at: axis)
        var reducedShape = shape
        reducedShape.remove(at: axis)
        return flatIndex(of: position, in: reducedShape)
    }
}
