// The optimiser race of MLiS II Sec. 1.5.5: SGD (Eq. (1.5.5)), momentum (1.5.6), RMSprop (1.5.7) and
// Adam (1.5.8-1.5.11) on the Rosenbrock function (1.5.12) from (0, 1) (E-32), Fig. 1.5.2.

import Core
import Foundation
import NeuralNetworks

struct RaceResults {
    /// Distance to (1, 1) after 100 steps, in the order SGD, momentum, RMSprop, Adam.
    var distanceAfter100: [Double] = []
}

func rosenbrockSection(options: ChapterOptions) throws -> RaceResults {
    print("2. The optimisers on the Rosenbrock function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2   (Eq. (1.5.12))")
    let start = Rosenbrock.start
    print("   Start (0, 1), as the text says (the caption's (1, 0) is a slip, E-32): f = \(formatted(Rosenbrock.value(start), digits: 0)),"
          + " grad f = (\(formatted(Rosenbrock.gradient(start).x, digits: 0)), \(formatted(Rosenbrock.gradient(start).y, digits: 0))),"
          + " almost vertical.")
    print("   The notebook's learning rates, each optimiser's own update rule, exact gradients, 100 steps:")
    let methods: [Rosenbrock.Method] = [.sgd(learningRate: 0.001), .momentum(learningRate: 0.001, momentum: 0.2),
                                        .rmsprop(learningRate: 0.01), .adam(learningRate: 0.05)]
    let equations = ["1.5.5", "1.5.6", "1.5.7", "1.5.8-1.5.11"]
    var results = RaceResults()
    var paths: [[SIMD2<Double>]] = []
    for (method, equation) in zip(methods, equations) {
        let path = Rosenbrock.trajectory(method, steps: 100)
        paths.append(path)
        let distance = Rosenbrock.distancesToMinimum(path)[100]
        results.distanceAfter100.append(distance)
        print("   \(pad(method.description, 42)) (Eq. \(equation)): step 1 \(point(path[1])), step 100 \(point(path[100])),"
              + " distance \(formatted(distance, digits: 6))")
    }
    print("   (OPT-1: step 100 at (0.1933393384, 0.0347042901), (0.2224404161, 0.0466075679),")
    print("    (0.7073029772, 0.4989055975), (0.4877863322, 0.2388358006); Adam's first step is alpha sign(g).)")
    print("   The adaptive methods head for the minimum at once; SGD first falls almost straight down the valley wall.")
    print("   Run longer, each reaches (1, 1); largest distance over the last 1000 of 20,000 steps:")
    for method in methods + [.momentum(learningRate: 0.001, momentum: 0.9), .rmsprop(learningRate: 0.001), .adam(learningRate: 0.01)] {
        let distances = Rosenbrock.distancesToMinimum(Rosenbrock.trajectory(method, steps: 20_000))
        print("     \(pad(method.description, 44)) \(formatted(distances.suffix(1000).max()!, digits: 8))")
    }
    print("   With a constant alpha RMSprop ends on a small cycle whose size scales with alpha, and Adam at 0.05 keeps overshooting.")
    try writeRaceFigures(paths: paths, methods: methods, options: options)
    print("")
    return results
}

func point(_ p: SIMD2<Double>) -> String { "(\(formatted(p.x, digits: 6)), \(formatted(p.y, digits: 6)))" }

func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }

/// Fig. 1.5.2: the paths over log10(1 + f) (every 5th point) and as lines, and the distance to (1, 1).
func writeRaceFigures(paths: [[SIMD2<Double>]], methods: [Rosenbrock.Method], options: ChapterOptions) throws {
    let names = ["SGD", "momentum", "RMSprop", "Adam"]
    var map = ValueMap(title: "Rosenbrock from (0, 1): every 5th of 100 steps", xLabel: "x", yLabel: "y",
                       xRange: -0.5...1.5, yRange: -0.5...1.5, resolution: 120, colourBarLabel: "log10(1 + f)") { x, y in
        log10(1 + Rosenbrock.value(SIMD2(x, y)))
    }
    map.colourMap = .viridis
    map.classNames = names
    map.width = 720
    for (index, path) in paths.enumerated() {
        let shown = stride(from: 0, to: path.count, by: 5).map { path[$0] }
        map.add(x: shown.map(\.x), y: shown.map(\.y), labels: [Int](repeating: index, count: shown.count))
    }
    let mapPath = try options.figurePath("fig-1.5.2-rosenbrock-map.svg")
    try map.write(to: mapPath)
    var lines = LinePlot(title: "Optimiser paths on the Rosenbrock function, 100 steps (Fig. 1.5.2)", xLabel: "x", yLabel: "y")
    for (method, path) in zip(methods, paths) {
        lines.add(x: path.map(\.x), y: path.map(\.y), name: "\(method)")
    }
    lines.add(x: [1.0], y: [1.0], name: "minimum (1, 1)")
    let linePath = try options.figurePath("fig-1.5.2-rosenbrock-paths.svg")
    try lines.write(to: linePath)
    var distances = LinePlot(title: "Distance to the minimum (1, 1) (Fig. 1.5.2)", xLabel: "step", yLabel: "distance", logY: true)
    for (method, path) in zip(methods, paths) {
        distances.add(series: Rosenbrock.distancesToMinimum(path), name: "\(method)")
    }
    let distancePath = try options.figurePath("fig-1.5.2-rosenbrock-distance.svg")
    try distances.write(to: distancePath)
    print("   wrote \(mapPath)\n      Fig. 1.5.2: the four optimisers on the map of the Rosenbrock function")
    print("   wrote \(linePath)\n      Fig. 1.5.2: their paths, 100 steps")
    print("   wrote \(distancePath)\n      Fig. 1.5.2: their distance to the minimum (1, 1)")
}
