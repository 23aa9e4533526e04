// Checks for exercise 38 (the triplet loss in both forms): CL-2 (WORKED-NUMBERS.md) and CL-3, E-24's
// identity, and agreement with the library's `TripletLoss` on random triplets.

import ExerciseCheck
import Exercise38
import Core
import Contrastive

let (fA, fP, fN, fNClose): ([Double], [Double], [Double], [Double]) = ([0, 1], [0.2, 0.9], [2, -1], [0.3, 0.8])

check("CL-2, CL-3: d_AP = 0.0537382752, d_AN = 0.5987976967, and 0.0850270038 with F_N = (0.3, 0.8)") {
    let d = tripletDistances(anchor: fA, positive: fP, negative: fN)
    expectClose(d.ap, 0.0537382752, tolerance: 1e-9, "d_AP")
    expectClose(d.an, 0.5987976967, tolerance: 1e-9, "d_AN")
    expectClose(tripletDistances(anchor: fA, positive: fP, negative: fNClose).an, 0.0850270038, tolerance: 1e-9, "d_AN, F_N = (0.3, 0.8)")
}

check("CL-2, CL-3: the printed loss with xi = 0.2 is -0.2 at the floor and -0.0312887286 above it") {
    expectClose(printedTripletLoss(anchor: fA, positive: fP, negative: fN, xi: 0.2), -0.2, tolerance: 1e-12, "printed, F_N = (2, -1)")
    expectClose(printedTripletLoss(anchor: fA, positive: fP, negative: fNClose, xi: 0.2), -0.0312887286, tolerance: 1e-9,
                "printed, F_N = (0.3, 0.8)")
}

check("E-24: the hinge with margin 0.2 is 0 and 0.1687112714 there: the printed loss plus xi") {
    expectClose(hingeTripletLoss(anchor: fA, positive: fP, negative: fN, margin: 0.2), 0, tolerance: 1e-12, "hinge, F_N = (2, -1)")
    expectClose(hingeTripletLoss(anchor: fA, positive: fP, negative: fNClose, margin: 0.2), 0.1687112714, tolerance: 1e-9,
                "hinge, F_N = (0.3, 0.8)")
}

check("Random triplets: both forms agree with the library's TripletLoss") {
    var generator = Xoshiro256StarStar(seed: 38)
    for _ in 0..<20 {
        let (a, p, n) = ((0..<3).map { _ in generator.normalDouble() }, (0..<3).map { _ in generator.normalDouble() },
                         (0..<3).map { _ in generator.normalDouble() })
        expectClose(printedTripletLoss(anchor: a, positive: p, negative: n, xi: 0.3),
                    TripletLoss(.printed(xi: 0.3)).value(anchor: [a], positive: [p], negative: [n]), tolerance: 1e-12, "printed")
        expectClose(hingeTripletLoss(anchor: a, positive: p, negative: n, margin: 0.3),
                    TripletLoss(.hinge(margin: 0.3)).value(anchor: [a], positive: [p], negative: [n]), tolerance: 1e-12, "hinge")
    }
}

runChecks()
