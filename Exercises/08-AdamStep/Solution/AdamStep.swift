// Solution to Exercise 08: one step of Adam (MLiS II Eq. (1.5.8), Eq. (1.5.9), Eq. (1.5.10), Eq. (1.5.11)).
//
// The bias corrections 1 - beta^t undo the pull of the zero start: after one step s_1 = (1 - beta1) g,
// so s^ = g, and r^ = g^2; the first move is alpha g / |g| = alpha sign(g) for every coordinate,
// whatever the size of its gradient. That is why Adam heads straight for the Rosenbrock minimum
// while SGD first falls down the steep valley wall (Fig. 1.5.2).

import Foundation

public struct AdamState {
    public var firstMoment: [Double]
    public var secondMoment: [Double]
    public var step = 0

    public init(coordinates: Int) {
        firstMoment = [Double](repeating: 0, count: coordinates)
        secondMoment = [Double](repeating: 0, count: coordinates)
    }
}

public func adamStep(weights: inout [Double], gradient: [Double], state: inout AdamState, learningRate alpha: Double,
                     beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-7) {
    state.step += 1
    let t = Double(state.step)
    for i in weights.indices {
        let g = gradient[i]
        state.firstMoment[i] = beta1 * state.firstMoment[i] + (1 - beta1) * g            // (1.5.8)
        state.secondMoment[i] = beta2 * state.secondMoment[i] + (1 - beta2) * g * g      // (1.5.8)
        let sHat = state.firstMoment[i] / (1 - pow(beta1, t))                            // (1.5.9)
        let rHat = state.secondMoment[i] / (1 - pow(beta2, t))                           // (1.5.10)
        weights[i] = weights[i] - alpha * sHat / (rHat.squareRoot() + epsilon)            // (1.5.11)
    }
}
