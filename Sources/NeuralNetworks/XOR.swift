// XOR.swift: the 2-2-1 network that learns XOR, MLiS II Sec. 1.2.4 (Eq. (1.2.4), Eq. (1.2.15), Eq. (1.2.16),
// Eq. (1.2.17),
// Figs. 1.2.3-1.2.5) and Sec. 1.3 (Eq. (1.3.8), Eq. (1.3.9), Eq. (1.3.10), Eq. (1.3.11), Eq. (1.3.12), Eq.
// (1.3.13), Fig. 1.3.1).
// Goals, in order: the notes' worked network with the minus sign the printed w lost (E-30); the
// training run of Sec. 1.3 as a function the tests and the chapter share.

import Core

/// The XOR data, the hand-set network of Eq. (1.2.17), and its training by back-propagation.
///
/// ```swift
/// let network = XOR.handSetNetwork()
/// print(network(XOR.inputs).scalars)          // [0.0, 1.0, 1.0, 0.0]: exactly y of Eq. (1.2.4)
/// print(network.trainableParameterCount)      // 9 (Sec. 1.3 and 1.4)
/// ```
public enum XOR {
    /// (x1, x2) of Eq. (1.2.4), one example per row, without the column of ones: shape [4, 2].
    public static let inputs = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]])
    /// y of Eq. (1.2.4), shape [4, 1].
    public static let targets = Tensor(column: [0, 1, 1, 0])

    /// The hidden layer of Eq. (1.2.17): W's first row (0, -1) is the bias c, the other rows the weights.
    public static let handSetHiddenWeights = Tensor([[1, 1], [1, 1]])
    public static let handSetHiddenBias = Tensor([[0, -1]])
    /// The output layer of Eq. (1.2.17), w = (b, w1, w2) = (0, 1, -2). The notes print (0, 1, 2), which
    /// gives y^ = (0, 1, 1, 4) for the input (1, 1) (E-30); the course notebook's code has -2.
    public static let handSetOutputWeights = Tensor(column: [1, -2])
    public static let handSetOutputBias = Tensor([[0]])

    /// y^ = w^T h + b, h = ReLU(W^T x + c)   (Eq. (1.2.15)), with the weights of Eq. (1.2.17) unless given.
    public static func handSetNetwork(outputWeights: Tensor = handSetOutputWeights,
                                      outputBias: Tensor = handSetOutputBias) -> Network {
        Network([
            Dense(weights: handSetHiddenWeights, bias: handSetHiddenBias, activation: .relu),
            Dense(weights: outputWeights, bias: outputBias, activation: .linear),
        ])
    }

    /// The same 2-2-1 network with every weight and bias drawn from N(0, standardDeviation^2), 0.1 in Sec. 1.3.
    public static func randomNetwork(standardDeviation: Float = 0.1, generator: inout Xoshiro256StarStar) -> Network {
        let draw = Initialisation.normal(standardDeviation: standardDeviation)
        return Network([
            Dense(inputs: 2, outputs: 2, activation: .relu, weightInitialisation: draw, biasInitialisation: draw, generator: &generator),
            Dense(inputs: 2, outputs: 1, activation: .linear, weightInitialisation: draw, biasInitialisation: draw, generator: &generator),
        ])
    }

    /// The hidden representation h = ReLU(XW + c) of a 2-2-1 network (Fig. 1.2.5), shape [4, 2].
    public static func hiddenRepresentation(of network: Network) -> Tensor {
        network.layers[0].forward(inputs, training: false)
    }

    /// The names of the 9 parameters in the order `parameterValues` lists them (Fig. 1.3.1).
    public static let parameterNames = ["W11", "W12", "W21", "W22", "c1", "c2", "w1", "w2", "b"]

    /// The 9 parameters of a 2-2-1 network: W (row by row), c, w, b.
    public static func parameterValues(of network: Network) -> [Float] {
        network.parameters.flatMap(\.value.scalars)
    }

    /// Back-propagation with plain gradient descent on the MSE, as in Sec. 1.3: all 4 examples in one
    /// batch, one update per epoch, W <- W - alpha dJ/dW (Eq. (1.3.13)), with dJ/dy^ = (2/N)(y^ - y) =
    /// (1/2)(y^ - y) for N = 4 (Eq. (1.3.11), E-31).
    ///
    /// Returns the loss before each update (epochs 0..<epochs, as the notebook records it) and the 9
    /// parameters before each update and after the last (epochs + 1 rows): the curves of Fig. 1.3.1.
    public static func train(_ network: Network, epochs: Int, learningRate: Float = 0.1)
        -> (loss: [Float], parameters: [[Float]])
    {
        var optimiser = SGD(learningRate: learningRate)
        var losses: [Float] = [], parameters = [parameterValues(of: network)]
        for _ in 0..<epochs {
            losses.append(network.trainingStep(inputs, targets, loss: .meanSquaredError, optimiser: &optimiser))
            parameters.append(parameterValues(of: network))
        }
        return (losses, parameters)
    }
}
