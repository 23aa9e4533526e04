// MLiS II Sec. 2.7.2-2.7.3: the 9-to-1 galaxy example (MET-1), where a classifier that never finds a
// galaxy scores 90 % accuracy, and what precision, recall and F1 say about it.

import Convolution
import Core

func galaxySection() -> (accuracy: Double, recall: Double) {
    print("\n4. Sec. 2.7.2 (MET-1): 9 non-galaxies and 1 galaxy, everything predicted 'not galaxy'")
    let truth = [Bool](repeating: false, count: 9) + [true]
    let useless = BinaryCounts(truth: truth, predicted: [Bool](repeating: false, count: 10))
    print("   \(useless): accuracy (Eq. (2.7.1)) \(formatted(useless.accuracy, digits: 2)), recall (2.7.3) \(formatted(useless.recall, digits: 2)),"
          + " precision (2.7.2) 0/0 taken as \(formatted(useless.precision, digits: 2)) (E-CONV-2), F1 (2.7.4) \(formatted(useless.f1, digits: 2))")
    let careful = BinaryCounts(truth: truth, predicted: [Bool](repeating: false, count: 8) + [true, true])
    print("   one that also flags one non-galaxy: \(careful): accuracy \(formatted(careful.accuracy, digits: 2)),"
          + " precision \(formatted(careful.precision, digits: 2)), recall \(formatted(careful.recall, digits: 2)), F1 \(formatted(careful.f1, digits: 2))")
    return (useless.accuracy, useless.recall)
}
