// PlotAxis.swift: from data values to positions along an axis, and where the ticks go.
// Goals, in order: ticks at round numbers (0, 0.5, 1 or 1, 10, 100) with labels that print the
// same on every run; sensible output for empty, constant and huge-range data; short code.

import Foundation

/// One axis of a chart: the range of data values it shows, on a linear or a base-10 log scale.
///
/// ```swift
/// let axis = PlotAxis(lower: 0, upper: 2)
/// print(axis.fraction(of: 0.5))             // 0.25: a quarter of the way along
/// print(axis.ticks().map(\.label))          // ["0.0", "0.5", "1.0", "1.5", "2.0"]
/// ```
struct PlotAxis: Sendable {
    let lower: Double
    let upper: Double
    let isLogarithmic: Bool
    /// The smallest distance between ticks, e.g. 1 for counts, so no tick reads "0.5 points".
    let minimumTickStep: Double

    /// A mark on the axis at `value`, printed as `label`.
    struct Tick: Equatable, Sendable {
        let value: Double
        let label: String
    }

    /// Precondition: lower < upper, both finite, and both positive on a log axis.
    init(lower: Double, upper: Double, isLogarithmic: Bool = false, minimumTickStep: Double = 0) {
        precondition(lower.isFinite && upper.isFinite && lower < upper,
                     "PlotAxis: range must be finite with lower < upper, got \(lower)...\(upper)")
        precondition(!isLogarithmic || lower > 0, "PlotAxis: a log axis needs lower > 0, got \(lower)")
        self.lower = lower
        self.upper = upper
        self.isLogarithmic = isLogarithmic
        self.minimumTickStep = minimumTickStep
    }

    /// An axis that shows all of `values` with a margin of `padding` (a fraction of the data's
    /// span) on each side, as most plotting programs do so that no point sits on the frame.
    /// Values that cannot be shown (non-finite, or <= 0 on a log axis) must be filtered out first.
    /// With no values it shows 0...1 (1...10 on a log axis); with one distinct value, a range around it.
    init(fitting values: [Double], isLogarithmic: Bool = false, padding: Double = 0.05) {
        guard var low = values.min(), var high = values.max() else {
            self.init(lower: isLogarithmic ? 1 : 0, upper: isLogarithmic ? 10 : 1, isLogarithmic: isLogarithmic)
            return
        }
        if isLogarithmic { (low, high) = (log10(low), log10(high)) }
        if high - low < 1e-12 * max(1, abs(low)) {
            // All values (nearly) equal: show one unit, or 10 % of the value, either side.
            let halfWidth = isLogarithmic ? 0.5 : max(abs(low) * 0.1, 0.5)
            (low, high) = (low - halfWidth, high + halfWidth)
        } else {
            let margin = (high - low) * padding
            (low, high) = (low - margin, high + margin)
        }
        precondition((high - low).isFinite,
                     "PlotAxis: the data's range \(low)...\(high) is too large to draw (values near 1e308?)")
        if isLogarithmic { (low, high) = (pow(10, low), pow(10, high)) }
        self.init(lower: low, upper: high, isLogarithmic: isLogarithmic)
    }

    /// Where `value` sits along the axis: 0 at `lower`, 1 at `upper` (outside 0...1 if out of range).
    func fraction(of value: Double) -> Double {
        if isLogarithmic {
            return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return (value - lower) / (upper - lower)
    }

    /// About `targetCount` ticks inside the range, at round numbers.
    func ticks(targetCount: Int = 6) -> [Tick] {
        isLogarithmic ? logarithmicTicks()
            : Self.linearTicks(lower: lower, upper: upper, targetCount: targetCount, minimumStep: minimumTickStep)
    }

    /// Ticks at whole multiples of a step of 1, 2 or 5 times a power of ten, the step chosen so that
    /// about `targetCount` of them fit (the "nice numbers" rule, P. Heckbert, Graphics Gems, 1990).
    static func linearTicks(lower: Double, upper: Double, targetCount: Int, minimumStep: Double = 0) -> [Tick] {
        let rawStep = (upper - lower) / Double(max(targetCount - 1, 1))
        let exponent = floor(log10(rawStep))
        let magnitude = pow(10, exponent)
        let leading = rawStep / magnitude
        let step = max(minimumStep, (leading < 1.5 ? 1 : leading < 3.5 ? 2 : leading < 7.5 ? 5 : 10) * magnitude)
        // Tick i sits at i * step, computed from the integer i so errors do not add up.
        let first = Int((lower / step - 1e-9).rounded(.up))
        let last = Int((upper / step + 1e-9).rounded(.down))
        let decimals = max(0, -Int(floor(log10(step) + 1e-9)))
        let scientific = step >= 1e6 || step < 1e-4
        return (first...max(first, last)).compactMap { i in
            let value = Double(i) * step
            guard value >= lower - step * 1e-9 && value <= upper + step * 1e-9 else { return nil }
            let label = scientific ? scientificLabel(value) : SVGDocument.formatFixed(value, decimals: decimals)
            return Tick(value: value, label: label)
        }
    }

    /// Ticks at powers of ten; within three decades or fewer, also at 2 and 5 times them.
    private func logarithmicTicks() -> [Tick] {
        let lowExponent = Int(floor(log10(lower))), highExponent = Int(ceil(log10(upper)))
        let decades = highExponent - lowExponent
        let multipliers: [Double] = log10(upper) - log10(lower) <= 3 ? [1, 2, 5] : [1]
        let stride = max(1, (decades + 7) / 8)    // at most about 8 labelled decades
        var ticks: [Tick] = []
        for exponent in lowExponent...highExponent where (exponent - lowExponent) % stride == 0 {
            for multiplier in multipliers {
                let value = multiplier * pow(10, Double(exponent))
                guard value >= lower * (1 - 1e-9) && value <= upper * (1 + 1e-9) else { continue }
                let label = (-3...4).contains(exponent)
                    ? SVGDocument.formatFixed(value, decimals: max(0, -exponent))
                    : Self.scientificLabel(value)
                ticks.append(Tick(value: value, label: label))
            }
        }
        return ticks
    }

    /// `value` as mantissa and power of ten, e.g. "2.5e-5" or "1e6"; 0 stays "0".
    static func scientificLabel(_ value: Double) -> String {
        if value == 0 { return "0" }
        var exponent = Int(floor(log10(abs(value))))
        var mantissa = value / pow(10, Double(exponent))
        if abs(mantissa) >= 9.995 {  // rounding to 2 decimals would print "10e5"
            exponent += 1
            mantissa /= 10
        }
        return SVGDocument.formatFixed(mantissa, decimals: 2, dropTrailingZeros: true) + "e\(exponent)"
    }
}
