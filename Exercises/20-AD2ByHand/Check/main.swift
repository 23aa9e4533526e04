// Checks for exercise 20 (AD-2 by hand). Run: swift run --package-path Exercises exercises 20

import ExerciseCheck
import Core
import AutoDiff
import Exercise20

check("At x = 2: values (2, 4, 2, 0.25, 2.25) and adjoints (0.75, 0.4375, 1, 1, 1)") {
    let values = ad2ForwardSweep(at: 2), adjoints = ad2BackwardSweep(at: 2)
    expect(values == [2, 4, 2, 0.25, 2.25], "forward sweep: got \(values)")
    expect(adjoints == [0.75, 0.4375, 1, 1, 1], "backward sweep: got \(adjoints)")
}

check("AD-2: f and f' at x = 1 (2, -1), x = 2 (2.25, 0.75), x = -1 (0, 3), by both sweeps and by the formula") {
    for (x, f, derivative) in [(1.0, 2.0, -1.0), (2, 2.25, 0.75), (-1, 0, 3)] {
        expect(ad2ForwardSweep(at: x).last == f, "f(\(x)) should be \(f); got \(ad2ForwardSweep(at: x))")
        expect(ad2BackwardSweep(at: x).first == derivative, "f'(\(x)) from the sweep should be \(derivative); got \(ad2BackwardSweep(at: x))")
        expect(ad2DerivativeFormula(x) == derivative, "f'(\(x)) from your formula should be \(derivative); got \(ad2DerivativeFormula(x))")
    }
}

check("Every value and adjoint equals the engine's on the same graph (AD2Graph), and the formula equals forward mode, 20 points (seed 201)") {
    var generator = Xoshiro256StarStar(seed: 201)
    for _ in 0..<20 {
        let x = (0.3 + 3 * generator.uniformDouble()) * (generator.uniformDouble() < 0.5 ? -1 : 1)
        let graph = AD2Graph(x: x)
        graph.f.backward()
        let (values, adjoints) = (ad2ForwardSweep(at: x), ad2BackwardSweep(at: x))
        expect(isApproximatelyEqual(values, graph.nodes.map(\.value), relativeTolerance: 1e-12), "values at \(x): got \(values)")
        expect(isApproximatelyEqual(adjoints, graph.nodes.map(\.gradient), relativeTolerance: 1e-12, absoluteTolerance: 1e-12),
                "adjoints at \(x): got \(adjoints), the engine has \(graph.nodes.map(\.gradient))")
        expect(isApproximatelyEqual(ad2DerivativeFormula(x), Dual.derivative(of: ad2Function, at: x), relativeTolerance: 1e-12),
                "f'(\(x)): got \(ad2DerivativeFormula(x))")
    }
}

runChecks()
