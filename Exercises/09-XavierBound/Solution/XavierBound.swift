// Solution to Exercise 09: Xavier's bound and uniform weights (MLiS II Eq. (1.6.3)).
//
// Var[U(-a, a)] = (2a)^2 / 12 = a^2/3; setting it to 2/(n_in + n_out) gives a = sqrt(6/(n_in + n_out)).
// The bound shrinks as layers widen, so a wide layer's sum of many inputs keeps the variance of one.

import Core

public func xavierUniformBound(inputs: Int, outputs: Int) -> Double {
    (6 / Double(inputs + outputs)).squareRoot()
}

public func xavierUniformWeights(inputs: Int, outputs: Int, generator: inout Xoshiro256StarStar) -> Tensor {
    let a = Float(xavierUniformBound(inputs: inputs, outputs: outputs))
    let values = (0..<(inputs * outputs)).map { _ in generator.uniform(-a, a) }
    return Tensor(shape: [inputs, outputs], scalars: values)
}
