// The contrastive check values (CL-1 to CL-5, WORKED-NUMBERS.md section 17) printed beside their
// sources: DL Padova "Siamese Network" (cosine similarity, triplet loss, E-24), Chen et al. 2020 (NT-Xent,
// E-74), He et al. 2020 (InfoNCE).

import Core
import Contrastive

struct WorkedNumbers {
    let cosine: Double
    let tripletPrinted: Double
    let tripletSecond: Double
    let ntXent: Double
}

func workedNumbersSection() -> WorkedNumbers {
    print("== Worked numbers ==")
    let cosine = cosineSimilarity([1, 2, 3], [4, 5, 6])
    print("CL-1  DL Padova \"Siamese Network\": S_C((1, 2, 3), (4, 5, 6)) = 32 / sqrt(14 * 77) = \(formatted(cosine, digits: 10))")
    let printed = TripletLoss(.printed(xi: 0.2))
    let hinge = TripletLoss(.hinge(margin: 0.2))
    let (a, p) = ([[0.0, 1]], [[0.2, 0.9]])
    var values: [Double] = []
    for (id, n, shown) in [("CL-2", [[2.0, -1]], "(2, -1)"), ("CL-3", [[0.3, 0.8]], "(0.3, 0.8)")] {
        let d = printed.distances(anchor: a, positive: p, negative: n)[0]
        let value = printed.value(anchor: a, positive: p, negative: n)
        values.append(value)
        print("\(id)  triplet, Y = sigmoid(F), F_A = (0, 1), F_P = (0.2, 0.9), F_N = \(shown): d_AP = \(formatted(d.ap, digits: 10)), "
              + "d_AN = \(formatted(d.an, digits: 10))")
        print("      printed max(d_AP - d_AN, -xi), xi = 0.2: L = \(formatted(value, digits: 10));  "
              + "FaceNet's max(0, d_AP - d_AN + 0.2) = \(formatted(hinge.value(anchor: a, positive: p, negative: n), digits: 10)) (E-24: the hinge minus xi)")
    }
    let z: [[Double]] = [[1, 0], [0, 1], [0.8, 0.6], [0.6, 0.8]]
    let ntXent = NTXent.reference(z, temperature: 0.5)
    print("CL-4  NT-Xent (Chen et al. 2020; the thesis names no formula, E-74), pairs ((1, 0), (0.8, 0.6)) and ((0, 1), (0.6, 0.8)), "
          + "tau = 0.5: L = \(formatted(ntXent, digits: 10))")
    let infoNCE = InfoNCE.reference(queries: [[1, 0]], keys: [[0.8, 0.6]], queue: [[0, 1], [0.6, 0.8]], temperature: 0.5)
    print("CL-5  one anchor's term: q = (1, 0), k+ = (0.8, 0.6), queue (0, 1), (0.6, 0.8): InfoNCE = l_1 = \(formatted(infoNCE, digits: 10))\n")
    return WorkedNumbers(cosine: cosine, tripletPrinted: values[0], tripletSecond: values[1], ntXent: ntXent)
}
