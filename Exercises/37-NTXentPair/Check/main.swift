// Checks for exercise 37 (NT-Xent by hand): CL-1 (WORKED-NUMBERS.md), CL-4 and CL-5, and agreement with the
// library's Double twin `NTXent.reference` on random views.

import ExerciseCheck
import Exercise37
import Core
import Contrastive

let handViews: [[Double]] = [[1, 0], [0, 1], [0.8, 0.6], [0.6, 0.8]]

check("CL-1: cos((1, 2, 3), (4, 5, 6)) = 0.9746318462, and cos of (3, 4) with (-4, 3) is 0") {
    expectClose(cosine([1, 2, 3], [4, 5, 6]), 0.9746318462, tolerance: 1e-9, "cos((1, 2, 3), (4, 5, 6))")
    expectClose(cosine([3, 4], [-4, 3]), 0, tolerance: 1e-12, "cos((3, 4), (-4, 3))")
}

check("CL-5: view 0's term, positive view 2, tau = 0.5, is 0.6271230573") {
    expectClose(ntXentTerm(anchor: 0, positive: 2, views: handViews, temperature: 0.5), 0.6271230573, tolerance: 1e-9,
                "l(0, 2)")
}

check("CL-4: the whole loss of the two pairs at tau = 0.5 is 0.8707137571") {
    expectClose(ntXentLoss(views: handViews, temperature: 0.5), 0.8707137571, tolerance: 1e-9, "NT-Xent")
}

check("Random views (N = 3, d = 4, tau = 0.2 and 1): the same as the library's NTXent.reference") {
    var generator = Xoshiro256StarStar(seed: 37)
    let views = (0..<6).map { _ in (0..<4).map { _ in generator.normalDouble() } }
    for tau in [0.2, 1.0] {
        expectClose(ntXentLoss(views: views, temperature: tau), NTXent.reference(views, temperature: tau), tolerance: 1e-9,
                    "NT-Xent at tau = \(tau)")
    }
}

runChecks()
