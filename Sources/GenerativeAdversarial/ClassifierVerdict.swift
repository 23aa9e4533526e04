// ClassifierVerdict.swift: a check of generated digits by a classifier trained on real ones (the idea
// behind the Inception score of Salimans et al. 2016, with the project's own digits classifier): a good
// generator makes samples the classifier is sure about, spread over all ten classes as the real digits
// are. Compared with the same numbers for real test digits.
// Goals, in order: two plain numbers a student can read (the share of confident verdicts, the classes'
// spread); any classifier with a softmax output.

import Core
import Foundation
import NeuralNetworks

/// What a classifier says about a set of images.
public struct ClassifierVerdict: Sendable, Equatable {
    /// How many images fall in each predicted class (argmax).
    public let classCounts: [Int]
    /// How many images the classifier gives a probability above the threshold for its chosen class.
    public let confidentCount: Int
    public let imageCount: Int

    /// Classifies `images` [N, 64] with `classifier` (softmax probabilities, [N, classes]).
    public init(images: Tensor, classifier: Network, confidenceThreshold: Float = 0.9) {
        let probabilities = classifier.forward(images, training: false)
        requireShapes(probabilities.rank == 2 && probabilities.rows == images.rows, "ClassifierVerdict (images vs probabilities)",
                      images.shape, probabilities.shape)
        let classes = probabilities.argmaxPerRow()
        var counts = [Int](repeating: 0, count: probabilities.columns)
        for c in classes { counts[c] += 1 }
        let confident = classes.indices.filter { probabilities[$0, classes[$0]] > confidenceThreshold }.count
        (classCounts, confidentCount, imageCount) = (counts, confident, images.rows)
    }

    /// The share of images classified with a probability above the threshold, in per cent.
    public var confidentPercent: Double { 100 * Double(confidentCount) / Double(max(imageCount, 1)) }

    /// The entropy of the predicted classes' spread, in bits: log2(10) = 3.32 when every class is as
    /// frequent, 0 when every image falls in one class (mode collapse).
    public var classEntropyBits: Double {
        classCounts.reduce(0.0) { total, count in
            guard count > 0 else { return total }
            let p = Double(count) / Double(imageCount)
            return total - p * log2(p)
        }
    }

    /// The classes that at least one image falls in.
    public var classesPresent: Int { classCounts.filter { $0 > 0 }.count }
}
