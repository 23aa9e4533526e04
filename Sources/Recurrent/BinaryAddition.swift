// BinaryAddition.swift: the classic demonstration that a recurrent network learns an algorithm:
// adding two 8-bit numbers bit by bit, least significant bit first, so that the only thing to carry
// from one step to the next is the carry (DL Padova "Unfolding time": h_t = f(h_(t-1), x_t)).
// Goals, in order: exact answers on pairs never seen in training; small enough to train in a second.

import Core
import NeuralNetworks

/// a + b for a, b in 0...255, read as T = 9 steps: step t (0-based) shows bit t of a and of b (0 at
/// step 8) and asks for bit t of the sum, so the ninth step writes the carry out.
///
/// ```swift
/// let (x, y) = BinaryAddition.encode([(3, 5)])     // 00000011 + 00000101, least significant bit first
/// print(x.shape, y.shape)                          // [1, 9, 2] [1, 9, 1]
/// print(y.scalars)                                 // [0, 0, 0, 1, 0, 0, 0, 0, 0]: 8 = 0b1000
/// ```
public enum BinaryAddition {
    /// Bits of each summand.
    public static let bits = 8
    /// Time steps: the bits and the carry out.
    public static let steps = bits + 1

    /// Every pair (a, b), 65,536 of them.
    public static var allPairs: [(Int, Int)] {
        (0..<(1 << bits)).flatMap { a in (0..<(1 << bits)).map { (a, $0) } }
    }

    /// `trainingCount` pairs drawn at random for training, and all the others held out.
    public static func split(trainingCount: Int, generator: inout Xoshiro256StarStar) -> (training: [(Int, Int)], heldOut: [(Int, Int)]) {
        let pairs = allPairs
        require(trainingCount > 0 && trainingCount < pairs.count, "BinaryAddition.split: needs 0 < trainingCount < \(pairs.count), got \(trainingCount)")
        let order = generator.permutation(pairs.count)
        return (order.prefix(trainingCount).map { pairs[$0] }, order.dropFirst(trainingCount).map { pairs[$0] })
    }

    /// Inputs [N, 9, 2] (bit t of a, bit t of b) and targets [N, 9, 1] (bit t of a + b).
    /// Precondition: 0 <= a, b < 256.
    public static func encode(_ pairs: [(Int, Int)]) -> (inputs: Tensor, targets: Tensor) {
        var inputs: [Float] = [], targets: [Float] = []
        inputs.reserveCapacity(pairs.count * steps * 2)
        for (a, b) in pairs {
            require((0..<(1 << bits)).contains(a) && (0..<(1 << bits)).contains(b), "BinaryAddition.encode: (\(a), \(b)) is not a pair of 8-bit numbers")
            for t in 0..<steps {
                inputs += [Float((a >> t) & 1), Float((b >> t) & 1)]
                targets.append(Float(((a + b) >> t) & 1))
            }
        }
        return (Tensor(shape: [pairs.count, steps, 2], scalars: inputs), Tensor(shape: [pairs.count, steps, 1], scalars: targets))
    }

    /// SimpleRNN(2 -> H, tanh, every h_t) then y_t = W_hy h_t + b_y at every step: DAT300's RNN with its
    /// output layer, whose logits y_t are read through a sigmoid (`BinaryCrossEntropyFromLogits`).
    public static func model(hidden: Int = 16, generator: inout Xoshiro256StarStar) -> Network {
        Network([SimpleRNN(inputs: 2, units: hidden, returnsSequences: true, generator: &generator),
                 PositionWise(Dense(inputs: hidden, outputs: 1, activation: .linear, generator: &generator))])
    }

    /// The sums the network writes: bit t is 1 where the logit at step t is positive.
    public static func predictedSums(_ network: Network, _ pairs: [(Int, Int)], batchSize: Int = 4096) -> [Int] {
        var sums: [Int] = []
        for start in stride(from: 0, to: pairs.count, by: batchSize) {
            let logits = network(encode(Array(pairs[start..<min(start + batchSize, pairs.count)])).inputs)
            for row in 0..<logits.shape[0] {
                sums.append((0..<steps).reduce(0) { $0 | (logits.scalars[row * steps + $1] > 0 ? 1 << $1 : 0) })
            }
        }
        return sums
    }

    /// The fraction of pairs whose whole sum (all nine bits) is right.
    public static func accuracy(_ network: Network, _ pairs: [(Int, Int)]) -> Double {
        let sums = predictedSums(network, pairs)
        return Double(zip(sums, pairs).filter { $0 == $1.0 + $1.1 }.count) / Double(max(pairs.count, 1))
    }
}
