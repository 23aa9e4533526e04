// BatchNormalisation.swift: MLiS II Sec. 1.7.4 and Sec. 2.3.1, Eq. (2.3.1), Eq. (2.3.2); DL Padova
// "ResNet" (Ioffe & Szegedy 2015), with its backward pass.
// Goals, in order: the notes' formulas with their conventions stated (the biased batch variance,
// epsilon inside the root: E-52); a backward pass derived through the batch mean and variance,
// checked by finite differences; running statistics for test time as Ioffe & Szegedy's Algorithm 2
// (and PyTorch) keep them: the running variance averages the unbiased batch variance.
//
// Placement: the notes put it before the activation (Sec. 1.7.4) and after it (Sec. 2.3.1, E-40). As
// a layer of its own it goes wherever it is put; where the library places it, it follows Ioffe & Szegedy:
// a linear layer, then BatchNormalisation, then the activation (Convolution's residual cell).

import Core

/// y = gamma x^ + beta, x^ = (x - mu) / sqrt(sigma^2 + epsilon), per feature (column) over the batch.
///
///     mu_j      = (1/N) sum_i x_ij,   sigma_j^2 = (1/N) sum_i (x_ij - mu_j)^2     (biased, DL Padova "ResNet")
///     x^_ij     = (x_ij - mu_j) / sqrt(sigma_j^2 + epsilon)                       (2.3.1)
///     y_ij      = gamma_j x^_ij + beta_j                                           (2.3.2)
///
/// While training it uses the batch's mu and sigma^2 and updates running averages
/// (r <- momentum r + (1 - momentum) batch value); at test time it uses the running averages.
/// The running variance averages the unbiased batch variance m/(m - 1) sigma^2 (m = N rows), as
/// Ioffe & Szegedy's Algorithm 2 (Var[x] = m/(m - 1) E_B[sigma_B^2]) and PyTorch do; the batch itself
/// is normalised with the biased sigma^2. For x = (1, 2, 3, 4) and momentum 0.9 the running variance
/// goes from 1 to 0.9 + 0.1 (5/3) = 16/15 = 1.0667 (the biased 1.25 would give 1.025). A batch of one
/// row has no unbiased variance: it updates the running mean only.
/// With its statistics frozen (`freezesStatistics`, or `freeze(statistics:)` on a network holding
/// it) it still normalises a training batch by the batch's own mu and sigma^2, but leaves the running
/// averages as they are: a discriminator that a GAN's generator step trains through.
///
/// ```swift
/// let norm = BatchNormalisation(features: 1, epsilon: 0)
/// print(norm.forward(Tensor(column: [1, 2, 3, 4]), training: true).scalars)
/// // [-1.3416407, -0.4472136, 0.4472136, 1.3416407]: mean 2.5, variance 1.25
/// ```
public final class BatchNormalisation: Layer {
    /// gamma, shape [1, features], starts at 1.
    public let scale: Parameter
    /// beta, shape [1, features], starts at 0.
    public let shift: Parameter
    /// Running mean and variance for test time: saved and restored with the parameters, never trained.
    public let runningMean: Parameter
    public let runningVariance: Parameter
    public let epsilon: Float
    public let momentum: Float

    private var normalised: Tensor?            // x^ of the last forward pass
    private var inverseDeviation: [Float] = [] // 1 / sqrt(sigma^2 + epsilon) per feature
    private var lastForwardWasTraining = false

    /// epsilon = 1e-5 and momentum 0.9 are PyTorch's defaults (keras: 1e-3 and 0.99).
    public init(features: Int, epsilon: Float = 1e-5, momentum: Float = 0.9) {
        require(features > 0, "BatchNormalisation: needs at least one feature, got \(features)")
        require(epsilon >= 0 && momentum >= 0 && momentum < 1,
                "BatchNormalisation: needs epsilon >= 0 and momentum in [0, 1), got \(epsilon) and \(momentum)")
        scale = Parameter("gamma", value: Tensor(shape: [1, features], repeating: 1))
        shift = Parameter("beta", value: Tensor(shape: [1, features]))
        runningMean = Parameter("running mean", value: Tensor(shape: [1, features]), isTrainable: false)
        runningVariance = Parameter("running variance", value: Tensor(shape: [1, features], repeating: 1), isTrainable: false)
        (self.epsilon, self.momentum) = (epsilon, momentum)
    }

    public var parameters: [Parameter] { [scale, shift, runningMean, runningVariance] }

    /// True while the running mean and variance are frozen (not updated by training forward passes).
    public var freezesStatistics: Bool {
        get { runningMean.isFrozen && runningVariance.isFrozen }
        set { (runningMean.isFrozen, runningVariance.isFrozen) = (newValue, newValue) }
    }

    public func forward(_ input: Tensor, training: Bool) -> Tensor {
        let features = scale.value.columns
        requireShapes(input.rank == 2 && input.columns == features && input.rows >= 1,
                      "BatchNormalisation.forward (input [N, features] vs gamma)", input.shape, scale.value.shape)
        let (mean, variance) = training ? Self.meanAndVariance(input) : (runningMean.value.scalars, runningVariance.value.scalars)
        if training { updateRunningStatistics(mean: mean, variance: variance, rows: input.rows) }
        inverseDeviation = variance.map { 1 / ($0 + epsilon).squareRoot() }
        var normalised = input, output = input
        for i in 0..<input.rows {
            for j in 0..<features {
                let k = i * features + j
                normalised.scalars[k] = (input.scalars[k] - mean[j]) * inverseDeviation[j]          // (2.3.1)
                output.scalars[k] = scale.value.scalars[j] * normalised.scalars[k] + shift.value.scalars[j]  // (2.3.2)
            }
        }
        (self.normalised, lastForwardWasTraining) = (normalised, training)
        return output
    }

    /// With g = dJ/dy and N rows:
    ///
    ///     dJ/dbeta  = sum_i g_i,   dJ/dgamma = sum_i g_i x^_i
    ///     dJ/dx_i   = gamma / (N sqrt(sigma^2 + epsilon)) (N g_i - sum_k g_k - x^_i sum_k g_k x^_k)
    ///
    /// The last line is the chain rule through x^ and through mu and sigma^2, which depend on every
    /// x_k of the batch. After a test-time forward pass mu and sigma^2 are constants, and
    /// dJ/dx_i = gamma g_i / sqrt(sigma^2 + epsilon).
    public func backward(_ outputGradient: Tensor) -> Tensor {
        let normalised = cached(normalised, "BatchNormalisation")
        requireShapes(outputGradient.shape == normalised.shape, "BatchNormalisation.backward (dJ/dy vs input)",
                      outputGradient.shape, normalised.shape)
        let (rows, features) = (normalised.rows, normalised.columns)
        var sumGradient = [Float](repeating: 0, count: features)
        var sumGradientTimesNormalised = [Float](repeating: 0, count: features)
        for i in 0..<rows {
            for j in 0..<features {
                let k = i * features + j
                sumGradient[j] += outputGradient.scalars[k]
                sumGradientTimesNormalised[j] += outputGradient.scalars[k] * normalised.scalars[k]
            }
        }
        shift.gradient = Tensor(shape: [1, features], scalars: sumGradient)
        scale.gradient = Tensor(shape: [1, features], scalars: sumGradientTimesNormalised)
        var inputGradient = outputGradient
        let n = Float(rows)
        for i in 0..<rows {
            for j in 0..<features {
                let k = i * features + j
                let factor = scale.value.scalars[j] * inverseDeviation[j]
                inputGradient.scalars[k] = lastForwardWasTraining
                    ? factor / n * (n * outputGradient.scalars[k] - sumGradient[j] - normalised.scalars[k] * sumGradientTimesNormalised[j])
                    : factor * outputGradient.scalars[k]
            }
        }
        return inputGradient
    }

    /// The mean and the biased variance (1/N) sum (x - mean)^2 of each column, in two passes in Double.
    static func meanAndVariance(_ x: Tensor) -> (mean: [Float], variance: [Float]) {
        let n = Double(x.rows)
        var mean = [Double](repeating: 0, count: x.columns), variance = mean
        for i in 0..<x.rows {
            for j in 0..<x.columns { mean[j] += Double(x[i, j]) / n }
        }
        for i in 0..<x.rows {
            for j in 0..<x.columns { variance[j] += (Double(x[i, j]) - mean[j]) * (Double(x[i, j]) - mean[j]) / n }
        }
        return (mean.map { Float($0) }, variance.map { Float($0) })
    }

    /// r <- momentum r + (1 - momentum) batch value, for each running statistic that is not frozen; the
    /// variance's batch value is the unbiased m/(m - 1) sigma^2 of Ioffe & Szegedy's Algorithm 2, step 10.
    private func updateRunningStatistics(mean: [Float], variance: [Float], rows: Int) {
        var updates = [(runningMean, mean)]
        if rows > 1 {
            let besselFactor = Float(rows) / Float(rows - 1)
            updates.append((runningVariance, variance.map { besselFactor * $0 }))
        }
        for (statistic, batchValues) in updates where !statistic.isFrozen {
            for j in 0..<batchValues.count {
                statistic.value.scalars[j] = momentum * statistic.value.scalars[j] + (1 - momentum) * batchValues[j]
            }
        }
    }
}
