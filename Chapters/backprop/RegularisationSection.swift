// Learning-rate schedules and gradient clipping (DL Padova "Cyclic Learning Rate", "Unfolding
// time"), dropout (MLiS II Sec. 1.7.3, E-21) and batch normalisation (Eq. (2.3.1), Eq. (2.3.2)).

import Core
import NeuralNetworks

struct RegularisationResults {
    var cyclicAtZero: Float = 0
    var dropoutTrainingMean: Float = 0
}

func schedulesAndRegularisationSection(options: ChapterOptions) throws -> RegularisationResults {
    print("4. Learning-rate schedules, clipping, dropout and batch normalisation")
    let cyclic = TriangularCyclicSchedule(minimum: 0.001, maximum: 0.006, stepSize: 2000)
    let iterations = [0, 500, 1000, 2000, 3000, 4000, 5000]
    print("   Triangular cyclic rate, 0.001 to 0.006, step size 2000 iterations: at " + iterations.map(String.init).joined(separator: ", ")
          + " it is " + iterations.map { formatted(cyclic.learningRate(at: $0), digits: 5) }.joined(separator: ", ") + ".")
    print("   (x = |it/step - 2 cycle + 1|; the floor the notes print gives 0.011, above the maximum, at iteration 0: E-06.)")
    let cosine = CosineAnnealingSchedule(maximum: 0.1, minimum: 0.001, period: 10, restarts: true)
    print("   Cosine annealing, 0.1 to 0.001 over T_i = 10 with warm restarts: at 0, 5, 9, 10 it is "
          + [0, 5, 9, 10].map { formatted(cosine.learningRate(at: $0), digits: 4) }.joined(separator: ", ") + ".")
    let gradient = Parameter("g", value: Tensor([[0, 0]]))
    gradient.gradient = Tensor([[3, 4]])
    let norm = clipGradientNorm([gradient], maximumNorm: 1)
    print("   Clipping g = (3, 4), ||g|| = \(formatted(norm, digits: 0)), to c = 1 gives \(show(gradient.gradient.scalars, digits: 1)).")
    try writeScheduleFigure(cyclic: cyclic, options: options)

    var generator = Xoshiro256StarStar(seed: options.seed)
    let h = Tensor(shape: [100, 1000], repeating: 2)
    let plain = Dropout(rate: 0.3, convention: .scaledAtTest, generator: &generator)
    let trainingMean = plain.forward(h, training: true).sum() / Float(h.count)
    let inverted = Dropout(rate: 0.3, generator: &generator)
    let invertedMean = inverted.forward(h, training: true).sum() / Float(h.count)
    print("   Dropout, p = 0.3 on activations h = 2: dropping without rescaling averages \(formatted(trainingMean, digits: 3)) = (1 - p) h while")
    print("   training, so at test time h must be scaled by 1 - p = 0.7, not by p as MLiS II 1.7.3 prints (E-21). Inverted")
    print("   dropout (DL Padova) scales the kept units by 1/(1 - p) instead: training mean \(formatted(invertedMean, digits: 3)), test h = 2.")
    let normalised = BatchNormalisation(features: 1, epsilon: 0).forward(Tensor(column: [1, 2, 3, 4]), training: true)
    print("   Batch normalisation of (1, 2, 3, 4): mean 2.5, biased variance 1.25, x^ = \(show(normalised.scalars)) (Eq. (2.3.1)).\n")
    return RegularisationResults(cyclicAtZero: cyclic.learningRate(at: 0), dropoutTrainingMean: trainingMean)
}

func writeScheduleFigure(cyclic: TriangularCyclicSchedule, options: ChapterOptions) throws {
    let cosine = CosineAnnealingSchedule(maximum: 0.006, minimum: 0.001, period: 2000, restarts: true)
    var plot = LinePlot(title: "Learning-rate schedules (DL Padova)", xLabel: "iteration", yLabel: "learning rate")
    let iterations = Array(stride(from: 0, through: 8000, by: 20))
    plot.add(x: iterations.map(Double.init), y: iterations.map { cyclic.learningRate(at: $0) }, name: "triangular, step 2000")
    plot.add(x: iterations.map(Double.init), y: iterations.map { cosine.learningRate(at: $0) }, name: "cosine, restarts every 2000")
    let path = try options.figurePath("learning-rate-schedules.svg")
    try plot.write(to: path)
    print("   wrote \(path)")
}
