// Regularisation.swift: parameter-norm penalties and early stopping, MLiS II Sec. 1.7.1-1.7.2,
// Eq. (1.7.1), Eq. (1.7.2), Eq. (1.7.4); DL Padova "Loss Regularization".
// Goals, in order: the notes' J~ = J + lambda Omega(w) on weights only, with MLiS II's scaling
// (lambda ||w||^2, gradient 2 lambda w; DL Padova's 1/2 lambda is the same with lambda halved, E-53);
// early stopping that really gives back the best parameters, not the last ones.

import Core

/// Omega(w) of J~(w) = J(w) + lambda Omega(w)   (Eq. (1.7.1)), summed over the penalised parameters
/// (weights; biases are not penalised, as Sec. 1.7.2 recommends).
///
/// ```swift
/// let w = Parameter("W", value: Tensor([[1, -2]]), isPenalised: true)
/// print(Penalty.l2(0.1).value([w]))   // 0.5 = 0.1 (1 + 4)
/// print(Penalty.l1(0.1).value([w]))   // 0.3 = 0.1 (1 + 2)
/// ```
public enum Penalty: Sendable, Equatable {
    /// lambda ||w||_2^2   (Eq. (1.7.2)), gradient 2 lambda w (ridge, weight decay).
    case l2(Float)
    /// lambda ||w||_1   (Eq. (1.7.4)), gradient lambda sign(w), with sign(0) = 0 (LASSO).
    case l1(Float)

    public var strength: Float {
        switch self {
        case .l2(let lambda), .l1(let lambda): lambda
        }
    }

    /// lambda Omega(w) over the parameters with `isPenalised` that are learnt (trainable, not frozen:
    /// a frozen weight is a constant, and its penalty no part of what is minimised).
    public func value(_ parameters: [Parameter]) -> Float {
        parameters.filter { $0.isPenalised && $0.isLearnt }.reduce(0) { total, parameter in
            switch self {
            case .l2(let lambda): total + lambda * parameter.value.dot(parameter.value)
            case .l1(let lambda): total + lambda * mapElements(parameter.value) { abs($0) }.sum()
            }
        }
    }

    /// Adds d(lambda Omega)/dw to the gradients of the penalised, learnt parameters (after a backward pass).
    public func addGradient(to parameters: [Parameter]) {
        require(strength >= 0, "Penalty: lambda must be >= 0, got \(strength)")
        for parameter in parameters where parameter.isPenalised && parameter.isLearnt {
            switch self {
            case .l2(let lambda): parameter.gradient.add(parameter.value, scaledBy: 2 * lambda)
            case .l1(let lambda): parameter.gradient.add(mapElements(parameter.value) { sign($0) }, scaledBy: lambda)
            }
        }
    }
}

/// Early stopping (MLiS II Sec. 1.7.1): after each epoch, compare the validation loss with the best
/// so far; keep a copy of the parameters at every improvement; stop after `patience` epochs without
/// one, and put the best parameters back.
///
/// ```swift
/// let network = XOR.handSetNetwork()
/// var stopping = EarlyStopping(patience: 2)
/// for (epoch, loss) in [0.9, 0.5, 0.6, 0.7].enumerated() {
///     // ... one epoch of training, then its validation loss:
///     if stopping.observe(validationLoss: Float(loss), epoch: epoch + 1, network: network) { break }
/// }
/// print(stopping.bestEpoch, stopping.bestLoss)   // Optional(2) 0.5; the network holds epoch 2's weights
/// ```
public struct EarlyStopping: Sendable {
    /// Epochs without improvement allowed before stopping.
    public let patience: Int
    /// The smallest decrease that counts as an improvement.
    public let minimumImprovement: Float
    public private(set) var bestLoss = Float.infinity
    public private(set) var bestEpoch: Int? = nil
    public private(set) var epochsWithoutImprovement = 0
    private var bestValues: [Tensor] = []

    public init(patience: Int, minimumImprovement: Float = 0) {
        require(patience >= 1, "EarlyStopping: patience must be >= 1 epoch, got \(patience)")
        (self.patience, self.minimumImprovement) = (patience, minimumImprovement)
    }

    /// Records one epoch's validation loss. On an improvement it saves the network's parameters. When
    /// `patience` epochs have passed without one, it restores the best parameters and returns true
    /// (stop); otherwise it returns false. A NaN loss never counts as an improvement.
    public mutating func observe(validationLoss loss: Float, epoch: Int, network: Network) -> Bool {
        if loss < bestLoss - minimumImprovement {
            (bestLoss, bestEpoch, epochsWithoutImprovement) = (loss, epoch, 0)
            bestValues = network.snapshot()
            return false
        }
        epochsWithoutImprovement += 1
        guard epochsWithoutImprovement >= patience else { return false }
        restoreBest(into: network)
        return true
    }

    /// Puts the best parameters seen so far back into `network` (nothing if none was recorded).
    public func restoreBest(into network: Network) {
        if !bestValues.isEmpty { network.restore(bestValues) }
    }
}
