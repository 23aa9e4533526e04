// TripletLoss.swift: the triplet loss of DL Padova "Siamese Network" as printed, with Y = sigmoid(F),
// L = max(||Y_A - Y_P|| - ||Y_A - Y_N||, -xi), and FaceNet's hinge max(0, d_AP - d_AN + margin)
// (Schroff, Kobak & Philbin 2015, Eq. (1), there on squared distances; here on the same distances as
// the printed form so that the two can be compared). E-24: with margin = xi the printed form is the
// hinge minus xi, so the gradients agree and only the floor differs (-xi instead of 0).
// Goals, in order: both forms exactly as written, on a batch of triplets averaged over the batch; the
// gradient with respect to F_A, F_P, F_N checked against central differences in Double.

import Core

/// Which triplet loss: the notes' floor at -xi, or the hinge at 0 with a margin.
public enum TripletForm: Sendable, Equatable {
    /// L = max(d_AP - d_AN, -xi), DL Padova "Siamese Network" (xi > 0).
    case printed(xi: Double)
    /// L = max(0, d_AP - d_AN + margin), FaceNet.
    case hinge(margin: Double)
}

/// The triplet loss on a batch of triplets of network outputs F [N, d] (anchor, positive, negative),
/// through Y = sigmoid(F) as DL Padova prints it, averaged over the N triplets.
///
/// CL-2 (see WORKED-NUMBERS.md): F_A = (0, 1), F_P = (0.2, 0.9), F_N = (2, -1), xi = 0.2 give
/// d_AP = 0.0537382752, d_AN = 0.5987976967, L = -0.2 (at the floor).
public struct TripletLoss: Sendable {
    public let form: TripletForm

    /// Precondition: xi > 0 (the notes' condition) or margin >= 0.
    public init(_ form: TripletForm) {
        switch form {
        case .printed(let xi): require(xi > 0, "TripletLoss: the printed form needs xi > 0, got \(xi)")
        case .hinge(let margin): require(margin >= 0, "TripletLoss: the hinge needs a margin >= 0, got \(margin)")
        }
        self.form = form
    }

    /// (d_AP, d_AN) for each triplet: ||sigmoid(F_A) - sigmoid(F_P)|| and ||sigmoid(F_A) - sigmoid(F_N)||.
    public func distances(anchor: [[Double]], positive: [[Double]], negative: [[Double]]) -> [(ap: Double, an: Double)] {
        requireTriplets(anchor, positive, negative)
        return anchor.indices.map { i in
            let (a, p, n) = (anchor[i].map(sigmoid), positive[i].map(sigmoid), negative[i].map(sigmoid))
            return (euclideanNorm(zip(a, p).map { $0 - $1 }), euclideanNorm(zip(a, n).map { $0 - $1 }))
        }
    }

    /// L = (1/N) sum_i l(d_AP,i - d_AN,i), l the printed floor or the hinge.
    public func value(anchor: [[Double]], positive: [[Double]], negative: [[Double]]) -> Double {
        let pairs = distances(anchor: anchor, positive: positive, negative: negative)
        return pairs.reduce(0) { $0 + perTriplet($1.ap - $1.an) } / Double(pairs.count)
    }

    /// l for one gap d_AP - d_AN.
    public func perTriplet(_ gap: Double) -> Double {
        switch form {
        case .printed(let xi): max(gap, -xi)
        case .hinge(let margin): max(0, gap + margin)
        }
    }

    /// dL/dF_A, dL/dF_P, dL/dF_N. Where the loss is flat (at the floor) the gradient is 0; at the kink
    /// itself the "otherwise" branch (the gap's gradient) is taken.
    ///
    /// With e_P = Y_A - Y_P: d d_AP / dY_A = e_P / d_AP, and dY/dF = Y (1 - Y). A zero distance
    /// (Y_A = Y_P) has no direction; its gradient is taken as 0.
    public func gradient(anchor: [[Double]], positive: [[Double]], negative: [[Double]])
        -> (anchor: [[Double]], positive: [[Double]], negative: [[Double]]) {
        let pairs = distances(anchor: anchor, positive: positive, negative: negative)
        let scale = 1 / Double(anchor.count)
        var result = (anchor: [[Double]](), positive: [[Double]](), negative: [[Double]]())
        for i in anchor.indices {
            let active: Bool = switch form {
            case .printed(let xi): pairs[i].ap - pairs[i].an >= -xi
            case .hinge(let margin): pairs[i].ap - pairs[i].an + margin >= 0
            }
            let (a, p, n) = (anchor[i].map(sigmoid), positive[i].map(sigmoid), negative[i].map(sigmoid))
            let toPositive = unitDirection(zip(a, p).map { $0 - $1 }, length: pairs[i].ap)
            let toNegative = unitDirection(zip(a, n).map { $0 - $1 }, length: pairs[i].an)
            let weight = active ? scale : 0
            let dYA = zip(toPositive, toNegative).map { weight * ($0 - $1) }
            let dYP = toPositive.map { -weight * $0 }
            let dYN = toNegative.map { weight * $0 }
            result.anchor.append(zip(dYA, a).map { $0 * $1 * (1 - $1) })
            result.positive.append(zip(dYP, p).map { $0 * $1 * (1 - $1) })
            result.negative.append(zip(dYN, n).map { $0 * $1 * (1 - $1) })
        }
        return result
    }

    private func unitDirection(_ v: [Double], length: Double) -> [Double] {
        length > 0 ? v.map { $0 / length } : v.map { _ in 0 }
    }

    private func requireTriplets(_ a: [[Double]], _ p: [[Double]], _ n: [[Double]]) {
        require(!a.isEmpty && a.count == p.count && a.count == n.count,
                "TripletLoss: needs as many anchors as positives and negatives (at least one), got \(a.count), \(p.count), \(n.count)")
        for i in a.indices {
            require(a[i].count == p[i].count && a[i].count == n[i].count,
                    "TripletLoss: triplet \(i) has outputs of lengths \(a[i].count), \(p[i].count), \(n[i].count)")
        }
    }
}
