// Checks for exercise 39 (MoCo's momentum update): by hand, the two ends m = 0 and m = 1, fifty updates
// towards a fixed query (a geometric approach), and agreement with the library's `momentumUpdate` on
// a network's parameters.

import ExerciseCheck
import Exercise39
import Core
import NeuralNetworks
import Contrastive

check("By hand: key (1, 2), query (3, 4), m = 0.9 give (1.2, 2.2)") {
    let result = momentumUpdated(key: [1, 2], query: [3, 4], momentum: 0.9)
    expect(result.count == 2, "two numbers; got \(result)")
    for (value, expected) in zip(result, [1.2, 2.2]) { expectClose(Double(value), expected, tolerance: 1e-6, "momentum 0.9") }
}

check("The ends: m = 0 copies the query, m = 1 keeps the key") {
    expect(momentumUpdated(key: [1, 2], query: [3, 4], momentum: 0) == [3, 4], "m = 0 should give the query (3, 4)")
    expect(momentumUpdated(key: [1, 2], query: [3, 4], momentum: 1) == [1, 2], "m = 1 should keep the key (1, 2)")
}

check("Fifty updates with m = 0.9 towards a fixed query 1 from 0: 1 - 0.9^50 = 0.9948462") {
    var key: [Float] = [0]
    for _ in 0..<50 { key = momentumUpdated(key: key, query: [1], momentum: 0.9) }
    expectClose(Double(key[0]), 0.9948462247, tolerance: 1e-5, "after 50 updates")
}

check("On tensors: the same step as the library's momentumUpdate on a network's parameters") {
    var generator = Xoshiro256StarStar(seed: 39)
    let query = Dense(inputs: 4, outputs: 3, activation: .relu, generator: &generator)
    let key = Dense(inputs: 4, outputs: 3, activation: .relu, generator: &generator)
    var mine = key.parameters.map(\.value)
    for index in mine.indices { momentumUpdate(key: &mine[index], query: query.parameters[index].value, momentum: 0.99) }
    Contrastive.momentumUpdate(key: key.parameters, query: query.parameters, momentum: 0.99)
    for (value, parameter) in zip(mine, key.parameters) {
        expect(isApproximatelyEqual(value.scalars, parameter.value.scalars, relativeTolerance: 1e-6, absoluteTolerance: 1e-7),
               "\(parameter.name): got \(value.scalars), expected \(parameter.value.scalars)")
    }
}

runChecks()
