// AirlinePassengers.swift: the monthly international airline passengers 1949-1960 (Box & Jenkins'
// Series G, 144 months, thousands of passengers; see Data/README.md), the classic small series with
// a trend and a yearly season, loaded through Core's DataFiles as the digits are.
// Goals, in order: a malformed file is an error naming the file and the line; the months kept in
// order and checked to follow each other.

import Core

/// The series: one value per month, in order.
///
/// ```swift
/// let series = try AirlinePassengers.load()
/// print(series.passengers.count, series.months.first!, series.passengers.first!)   // 144 1949-01 112.0
/// ```
public struct AirlinePassengers: Sendable {
    /// "YYYY-MM" of each month.
    public let months: [String]
    /// Thousands of passengers in each month.
    public let passengers: [Float]

    /// Months in a season.
    public static let season = 12

    public init(months: [String], passengers: [Float]) {
        require(months.count == passengers.count, "AirlinePassengers: \(months.count) months for \(passengers.count) values")
        (self.months, self.passengers) = (months, passengers)
    }

    /// Loads `month,passengers` lines (a header, then one line per month, "YYYY-MM" and a positive
    /// whole number). Throws `DataFileError` naming the file and line of a wrong number of fields, a
    /// malformed month, a month that does not follow the one before, or a value that is not a
    /// positive whole number.
    public static func load(path: String = DataFiles.path("airline-passengers.csv")) throws -> AirlinePassengers {
        var months: [String] = [], passengers: [Float] = []
        var previous: (year: Int, month: Int)? = nil
        for (line, fields) in try DataFiles.readCSV(path: path, skipHeader: true) {
            guard fields.count == 2 else {
                throw DataFileError(file: path, line: line, reason: "expected 2 comma-separated values (month,passengers), found \(fields.count)")
            }
            let parts = fields[0].split(separator: "-")
            guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
                throw DataFileError(file: path, line: line, reason: "column 1 is \"\(fields[0])\", expected a month YYYY-MM")
            }
            if let previous, (year * 12 + month) != (previous.year * 12 + previous.month + 1) {
                throw DataFileError(file: path, line: line, reason: "month \(fields[0]) does not follow \(previous.year)-\(previous.month)")
            }
            let value = try DataFiles.integer(fields[1], in: 1...1_000_000, file: path, line: line, column: 1)
            months.append(fields[0])
            passengers.append(Float(value))
            previous = (year, month)
        }
        guard !passengers.isEmpty else { throw DataFileError(file: path, line: nil, reason: "the file has no months") }
        return AirlinePassengers(months: months, passengers: passengers)
    }
}
