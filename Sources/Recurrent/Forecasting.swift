// Forecasting.swift: one-month-ahead forecasts of the airline series with an LSTM and a TCN, against
// the naive "same as last year" forecast (DL Padova "TCN": "train with the smallest sensible receptive
// field size R and perform prediction only with the last R time steps").
// Goals, in order: an honest comparison (the last two years held out, every forecast from past
// values only, the baseline scored on the same months); a target the networks can learn from 96
// examples: the year-on-year growth d_t = log y_t - log y_(t-12), so "same as last year" is d = 0.

import Core
import Foundation
import NeuralNetworks

/// The airline forecasting problem: windows of the last `window` growths d, the next growth to predict.
///
/// ```swift
/// let problem = ForecastProblem(series: try AirlinePassengers.load())
/// print(problem.training.inputs.shape, problem.test.inputs.shape)   // [96, 12, 1] [24, 12, 1]
/// print(problem.rootMeanSquaredError(problem.seasonalNaive))         // about 51 (thousand passengers)
/// ```
public struct ForecastProblem: Sendable {
    /// The series, in thousands of passengers.
    public let series: [Float]
    /// Months held out at the end (two years).
    public let testMonths: Int
    /// How many past growths a forecast reads.
    public let window: Int
    /// The months t of the training and test targets (0-based).
    public let trainingMonths: [Int]
    public let forecastMonths: [Int]
    /// Windows [N, window, 1] of standardised growths, and the standardised growth that follows [N, 1].
    public let training: (inputs: Tensor, targets: Tensor)
    public let test: (inputs: Tensor, targets: Tensor)
    /// Mean and standard deviation of the training growths (the standardisation).
    public let growthMean: Float
    public let growthDeviation: Float

    public init(series: AirlinePassengers, testMonths: Int = 24, window: Int = 12) {
        let y = series.passengers, season = AirlinePassengers.season
        require(window >= 1 && testMonths >= 1 && y.count > 2 * season + window + testMonths,
                "ForecastProblem: \(y.count) months are too few for a window of \(window) and \(testMonths) test months")
        (self.series, self.testMonths, self.window) = (y, testMonths, window)
        let growth = y.indices.map { $0 < season ? Float.nan : log(y[$0]) - log(y[$0 - season]) }   // d_t
        let firstTarget = season + window
        trainingMonths = Array(firstTarget..<(y.count - testMonths))
        forecastMonths = Array((y.count - testMonths)..<y.count)
        let trainingGrowths = trainingMonths.map { growth[$0] }
        let mean = trainingGrowths.reduce(0, +) / Float(trainingGrowths.count)
        let deviation = (trainingGrowths.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Float(trainingGrowths.count)).squareRoot()
        (growthMean, growthDeviation) = (mean, deviation)
        let standardised = growth.map { ($0 - mean) / deviation }
        training = Self.windows(standardised, targets: trainingMonths, window: window)
        test = Self.windows(standardised, targets: forecastMonths, window: window)
    }

    /// For each target month t: the `window` values before t ([N, window, 1]) and the value at t ([N, 1]).
    private static func windows(_ values: [Float], targets months: [Int], window: Int) -> (inputs: Tensor, targets: Tensor) {
        let inputs = months.flatMap { t in values[(t - window)..<t] }
        return (Tensor(shape: [months.count, window, 1], scalars: inputs), Tensor(shape: [months.count, 1], scalars: months.map { values[$0] }))
    }

    /// The forecasts y^_t = y_(t-12) e^(d^_t) for the test months, from standardised predicted growths [N, 1].
    public func passengers(fromStandardisedGrowths predicted: Tensor) -> [Float] {
        zip(forecastMonths, predicted.scalars).map { t, z in series[t - AirlinePassengers.season] * exp(z * growthDeviation + growthMean) }
    }

    /// "Same as last year": y^_t = y_(t-12), for the test months.
    public var seasonalNaive: [Float] { forecastMonths.map { series[$0 - AirlinePassengers.season] } }

    /// Last year's value grown by the mean growth of the training years: the least a learnt model must beat.
    public var seasonalNaiveWithMeanGrowth: [Float] { forecastMonths.map { series[$0 - AirlinePassengers.season] * exp(growthMean) } }

    /// The held-out values y_t.
    public var actual: [Float] { forecastMonths.map { series[$0] } }

    /// sqrt(mean (y^ - y)^2) over the test months, in thousands of passengers.
    public func rootMeanSquaredError(_ forecast: [Float]) -> Double {
        require(forecast.count == testMonths, "rootMeanSquaredError: \(forecast.count) forecasts for \(testMonths) months")
        return (zip(forecast, actual).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(testMonths)).squareRoot()
    }

    /// mean |y^ - y| over the test months.
    public func meanAbsoluteError(_ forecast: [Float]) -> Double {
        require(forecast.count == testMonths, "meanAbsoluteError: \(forecast.count) forecasts for \(testMonths) months")
        return zip(forecast, actual).reduce(0.0) { $0 + Double(abs($1.0 - $1.1)) } / Double(testMonths)
    }
}

/// The two forecasters of the chapter.
public enum Forecaster: String, Sendable, CaseIterable {
    /// LSTM(1 -> 16), its last state, Dense(16 -> 1).
    case lstm = "LSTM"
    /// Three temporal blocks of 8 channels, filter 2, dilations 1, 2, 4 (receptive field 15 >= the
    /// 12-month window), the last step, Dense(8 -> 1).
    case tcn = "TCN"

    public func model(generator: inout Xoshiro256StarStar) -> Network {
        switch self {
        case .lstm:
            Network([LSTM(inputs: 1, units: 16, generator: &generator), Dense(inputs: 16, outputs: 1, activation: .linear, generator: &generator)])
        case .tcn:
            Network.temporalConvolutionalNetwork(inputs: 1, channels: 8, kernel: 2, blocks: 3, generator: &generator)
        }
    }

    /// Trains a fresh model (MSE, Adam, batches of 16) on the training windows but the last year's,
    /// which it keeps for early stopping (MLiS II Sec. 1.7.1: the parameters of the epoch with the
    /// lowest validation loss are restored, after `patience` epochs without improvement); returns it
    /// with its forecasts of the test months, in thousands of passengers.
    public func fit(_ problem: ForecastProblem, epochs: Int, learningRate: Float = 0.01, patience: Int = 20, seed: UInt64)
        throws -> (network: Network, forecast: [Float], history: TrainingHistory) {
        var generator = Xoshiro256StarStar(seed: seed)
        let network = model(generator: &generator)
        var adam = Adam(learningRate: learningRate)
        let count = problem.training.inputs.shape[0], validation = AirlinePassengers.season
        let fitting = Array(0..<(count - validation)), held = Array((count - validation)..<count)
        let history = try network.train(gatheringExamples(fitting, of: problem.training.inputs), gatheringExamples(fitting, of: problem.training.targets),
                                        settings: TrainingSettings(loss: .meanSquaredError, epochs: epochs, batchSize: 16,
                                                                   earlyStoppingPatience: patience),
                                        optimiser: &adam, generator: &generator,
                                        validation: (gatheringExamples(held, of: problem.training.inputs),
                                                     gatheringExamples(held, of: problem.training.targets)))
        return (network, problem.passengers(fromStandardisedGrowths: network(problem.test.inputs)), history)
    }
}
