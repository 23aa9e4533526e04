// FeatureScaling.swift: min-max normalisation and standardisation of the columns of a design
// matrix, MLiS II Sec. 1.6 "Data initialisation", Eq. (1.6.5), Eq. (1.6.6).
// Goals, in order: fitted on the training set and then applied unchanged to the test set (so no
// test information leaks into training); the population standard deviation, stated (E-52); constant
// columns mapped to 0 instead of dividing by zero.

import Core

/// x' = (x - min x) / (max x - min x), column by column   (Eq. (1.6.5))
///
/// ```swift
/// let scaling = MinMaxScaling(fitting: Tensor(column: [2, 4, 6, 8]))
/// print(scaling.transform(Tensor(column: [2, 4, 6, 8])).scalars)   // [0.0, 0.33333334, 0.6666667, 1.0]
/// ```
/// A column whose training values are all equal maps to 0.
public struct MinMaxScaling: Sendable {
    public let minimum: [Float]
    public let maximum: [Float]

    /// Learns each column's minimum and maximum from `X` (shape [N, P], N >= 1).
    public init(fitting X: Tensor) {
        require(X.rank == 2 && X.rows >= 1, "MinMaxScaling: needs a matrix with at least one row, got shape \(X.shape)")
        let columns = (0..<X.columns).map { j in (0..<X.rows).map { X[$0, j] } }
        minimum = columns.map { $0.min()! }
        maximum = columns.map { $0.max()! }
    }

    /// The scaled copy of `X` (shape [N, P] with the fitted P).
    public func transform(_ X: Tensor) -> Tensor {
        let range = zip(minimum, maximum).map { $1 > $0 ? $1 - $0 : 1 }
        return scaleColumns(X, subtract: minimum, divideBy: range, "MinMaxScaling.transform")
    }
}

/// x' = (x - mean x) / sigma, column by column   (Eq. (1.6.6))
///
/// sigma is the population standard deviation, sqrt((1/N) sum (x - mean)^2), as numpy's `std` and
/// scikit-learn's `StandardScaler` (the notes do not say which; the sample form divides by N - 1: E-52).
///
/// ```swift
/// let standardisation = Standardisation(fitting: Tensor(column: [2, 4, 6, 8]))
/// print(standardisation.transform(Tensor(column: [2, 8])).scalars)   // [-1.3416407, 1.3416407]
/// ```
/// A column whose training values are all equal maps to 0.
public struct Standardisation: Sendable {
    public let mean: [Float]
    public let standardDeviation: [Float]

    /// Learns each column's mean and population standard deviation from `X` (shape [N, P], N >= 1).
    public init(fitting X: Tensor) {
        require(X.rank == 2 && X.rows >= 1, "Standardisation: needs a matrix with at least one row, got shape \(X.shape)")
        let n = Double(X.rows)
        var means: [Float] = [], deviations: [Float] = []
        for j in 0..<X.columns {
            let column = (0..<X.rows).map { Double(X[$0, j]) }
            let mean = column.reduce(0, +) / n
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
            means.append(Float(mean))
            deviations.append(Float(variance.squareRoot()))
        }
        (mean, standardDeviation) = (means, deviations)
    }

    /// The standardised copy of `X` (shape [N, P] with the fitted P).
    public func transform(_ X: Tensor) -> Tensor {
        scaleColumns(X, subtract: mean, divideBy: standardDeviation.map { $0 > 0 ? $0 : 1 }, "Standardisation.transform")
    }
}

/// (X[i, j] - offset[j]) / divisor[j] for every element.
private func scaleColumns(_ X: Tensor, subtract offset: [Float], divideBy divisor: [Float], _ operation: String) -> Tensor {
    requireShapes(X.rank == 2 && X.columns == offset.count, "\(operation) (X vs the fitted columns)", X.shape, [offset.count])
    var result = X
    for i in 0..<X.rows {
        for j in 0..<X.columns { result[i, j] = (X[i, j] - offset[j]) / divisor[j] }
    }
    return result
}
