// Solution to Exercise 24: the margin loss with both terms squared (E-15; Sabour et al. Eq. (4)).
//
// Each term is a squared hinge: zero beyond its margin, growing quadratically inside it, so its slope
// -2 max(0, m+ - ||v||) (present) or 2 lambda max(0, ||v|| - m-) (absent) goes to zero at the margin
// instead of jumping there (the printed form's first term has slope -1 all the way to 0.9, then 0).

import Core

public func marginLoss(length: Double, present: Bool) -> Double {
    let (upperMargin, lowerMargin, absentWeight) = (0.9, 0.1, 0.5)
    if present {
        let shortfall = max(0, upperMargin - length)
        return shortfall * shortfall
    }
    let excess = max(0, length - lowerMargin)
    return absentWeight * excess * excess
}

public func marginLoss(lengths: [Double], label: Int) -> Double {
    lengths.indices.reduce(0) { $0 + marginLoss(length: lengths[$1], present: $1 == label) }
}

public func marginLossSlope(length: Double, present: Bool) -> Double {
    present ? -2 * max(0, 0.9 - length) : 2 * 0.5 * max(0, length - 0.1)
}
