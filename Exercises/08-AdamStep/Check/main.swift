// Checks for exercise 08 (one Adam step). Run: swift run --package-path Exercises exercises 08

import ExerciseCheck
import Core
import NeuralNetworks
import Exercise08

check("The first step from s = r = 0 moves each coordinate by alpha sign(g), whatever |g|") {
    var w = [1.0, -1.0, 0.5]
    var state = AdamState(coordinates: 3)
    adamStep(weights: &w, gradient: [0.5, -1000, 2e-2], state: &state, learningRate: 0.01)
    expect(state.step == 1, "t counts the steps: got \(state.step)")
    expect(isApproximatelyEqual(w, [0.99, -0.99, 0.49], relativeTolerance: 1e-6), "got \(w)")
}

check("OPT-1: on Rosenbrock from (0, 1) with alpha 0.05, steps 1, 2 and 100 land where OPT-1 says (WORKED-NUMBERS.md)") {
    var w = [0.0, 1.0]
    var state = AdamState(coordinates: 2)
    var path: [[Double]] = []
    for _ in 0..<100 {
        let g = Rosenbrock.gradient(SIMD2(w[0], w[1]))
        adamStep(weights: &w, gradient: [g.x, g.y], state: &state, learningRate: 0.05)
        path.append(w)
    }
    expect(isApproximatelyEqual(path[0], [0.0499999975, 0.95], relativeTolerance: 1e-9), "step 1: \(path[0])")
    expect(isApproximatelyEqual(path[1], [0.0902344440, 0.9000884008], relativeTolerance: 1e-9), "step 2: \(path[1])")
    expect(isApproximatelyEqual(path[99], [0.4877863322, 0.2388358006], relativeTolerance: 1e-8), "step 100: \(path[99])")
}

check("Two steps with the state carried over give the library's numbers (w_2 = (0.98808502, -0.98011874, 0.48017425))") {
    var w = [1.0, -1.0, 0.5]
    var state = AdamState(coordinates: 3)
    adamStep(weights: &w, gradient: [0.5, -1, 2], state: &state, learningRate: 0.01)
    adamStep(weights: &w, gradient: [-0.3, -0.8, 1.5], state: &state, learningRate: 0.01)
    expect(state.step == 2, "state.step == 2: expected \(2), got \(state.step)")
    expect(isApproximatelyEqual(w, [0.9880850221, -0.9801187441, 0.4801742502], relativeTolerance: 1e-9), "got \(w)")
    expect(isApproximatelyEqual(state.firstMoment, [0.015, -0.17, 0.33], relativeTolerance: 1e-9), "s_2: \(state.firstMoment)")
}

runChecks()
