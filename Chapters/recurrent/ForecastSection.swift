// The airline passengers (Box & Jenkins' Series G): one-month-ahead forecasts of 1959-1960 by an LSTM
// and a TCN (DL Padova "TCN") trained on 1949-1958, against "same as last year".

import Core
import Foundation
import NeuralNetworks
import Recurrent

struct ForecastResults {
    let naive: Double
    let naiveWithGrowth: Double
    /// Mean test RMSE over the runs, per forecaster.
    let rmse: [Forecaster: Double]
}

func forecastSection(options: ChapterOptions) throws -> ForecastResults {
    let series = try AirlinePassengers.load()
    let problem = ForecastProblem(series: series)
    let runs = options.runs ?? 3
    print("\n4. Forecasting the airline passengers (\(series.passengers.count) months, \(series.months.first!) to \(series.months.last!),"
          + " thousands; Data/airline-passengers.csv)")
    print("   Train on \(series.months[0])...\(series.months[problem.forecastMonths[0] - 1]), forecast each month of"
          + " \(series.months[problem.forecastMonths[0]])...\(series.months.last!) from the months before it (one month ahead)")
    print("   Target: the growth over the same month last year, d_t = log y_t - log y_(t-12), from the last 12 growths;"
          + " y^_t = y_(t-12) e^(d^_t), so \"same as last year\" is d^ = 0")
    print("   LSTM(1 -> 16) + Dense(1); TCN of 3 blocks (8 channels, filter 2, dilations 1, 2, 4) + Dense(1);"
          + " MSE, Adam, alpha = \(options.learningRate), \(options.epochs) epochs, \(runs) seeded runs each")
    let naive = problem.rootMeanSquaredError(problem.seasonalNaive)
    let grown = problem.rootMeanSquaredError(problem.seasonalNaiveWithMeanGrowth)
    print("   test RMSE (thousands of passengers) over the \(problem.testMonths) held-out months:")
    print("     same as last year            \(formatted(naive, digits: 1))  (MAE \(formatted(problem.meanAbsoluteError(problem.seasonalNaive), digits: 1)))")
    print("     last year x mean growth      \(formatted(grown, digits: 1))  (the training years' mean d = \(formatted(problem.growthMean, digits: 3)):"
          + " the simplest forecast a model must beat to have learnt anything)")
    var rmse: [Forecaster: Double] = [:]
    var plot = LinePlot(title: "Airline passengers: one-month-ahead forecasts of 1959-1960", xLabel: "month (0 = 1949-01)",
                        yLabel: "thousands of passengers")
    plot.add(x: Array(0..<series.passengers.count).map(Double.init), y: series.passengers, name: "actual")
    plot.add(x: problem.forecastMonths.map(Double.init), y: problem.seasonalNaive, name: "same as last year")
    for forecaster in Forecaster.allCases {
        let fits = try (0..<runs).map { try forecaster.fit(problem, epochs: options.epochs, learningRate: options.learningRate,
                                                          seed: options.seed &+ UInt64($0)) }
        let errors = fits.map { problem.rootMeanSquaredError($0.forecast) }
        rmse[forecaster] = errors.reduce(0, +) / Double(runs)
        print("     \(forecaster.rawValue.padding(toLength: 29, withPad: " ", startingAt: 0))\(formatted(rmse[forecaster]!, digits: 1))"
              + "  (runs: \(errors.map { formatted($0, digits: 1) }.joined(separator: ", ")); MAE \(formatted(problem.meanAbsoluteError(fits[0].forecast), digits: 1)) in the first)")
        plot.add(x: problem.forecastMonths.map(Double.init), y: fits[0].forecast, name: "\(forecaster.rawValue) (first run)")
    }
    let path = try options.figurePath("airline-forecast.svg")
    try plot.write(to: path)
    print("   figure: \(path)")
    return ForecastResults(naive: naive, naiveWithGrowth: grown, rmse: rmse)
}
