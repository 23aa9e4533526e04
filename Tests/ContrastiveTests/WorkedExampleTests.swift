// The contrastive check values (WORKED-NUMBERS.md, section 17): CL-1 the cosine similarity
// of DL Padova "Siamese Network", CL-2 and CL-3 the printed triplet loss, CL-4 and CL-5 the NT-Xent and
// InfoNCE hand cases (computed independently in Python, term by term), and E-24's relation.

import Testing
import Core
import Contrastive

@Suite("Contrastive: worked numbers")
struct WorkedExampleTests {
    @Test("CL-1: cos((1, 2, 3), (4, 5, 6)) = 0.9746318462")
    func cl1Cosine() {
        #expect(abs(cosineSimilarity([1, 2, 3], [4, 5, 6]) - 0.9746318462) < 1e-10)
        let rows = RowCosine.forward(Tensor([[1, 2, 3], [1, 0, 0]]), Tensor([[4, 5, 6], [0, 2, 0]]))
        #expect(abs(rows.scalars[0] - 0.9746318) < 1e-6 && rows.scalars[1] == 0)
    }

    @Test("CL-2: F_A = (0, 1), F_P = (0.2, 0.9), F_N = (2, -1), xi = 0.2: d_AP = 0.0537382752, d_AN = 0.5987976967, L = -0.2")
    func cl2TripletAtTheFloor() {
        let loss = TripletLoss(.printed(xi: 0.2))
        let d = loss.distances(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[2, -1]])[0]
        #expect(abs(d.ap - 0.0537382752) < 1e-10)
        #expect(abs(d.an - 0.5987976967) < 1e-10)
        #expect(loss.value(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[2, -1]]) == -0.2)
    }

    @Test("CL-3: with F_N = (0.3, 0.8): d_AN = 0.0850270038, L = -0.0312887286")
    func cl3TripletAboveTheFloor() {
        let loss = TripletLoss(.printed(xi: 0.2))
        let d = loss.distances(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[0.3, 0.8]])[0]
        #expect(abs(d.an - 0.0850270038) < 1e-10)
        #expect(abs(loss.value(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[0.3, 0.8]]) - -0.0312887286) < 1e-10)
    }

    @Test("E-24: the printed triplet loss is FaceNet's hinge with margin xi, minus xi; the gradients are equal")
    func e24PrintedIsHingeMinusXi() {
        var generator = Xoshiro256StarStar(seed: 24)
        let (printed, hinge) = (TripletLoss(.printed(xi: 0.2)), TripletLoss(.hinge(margin: 0.2)))
        for _ in 0..<20 {
            let (a, p, n) = (randomRows(3, 4, &generator), randomRows(3, 4, &generator), randomRows(3, 4, &generator))
            for i in 0..<3 {
                let (one, two, three) = ([a[i]], [p[i]], [n[i]])
                #expect(abs(printed.value(anchor: one, positive: two, negative: three)
                            - (hinge.value(anchor: one, positive: two, negative: three) - 0.2)) < 1e-12)
            }
            let g1 = printed.gradient(anchor: a, positive: p, negative: n)
            let g2 = hinge.gradient(anchor: a, positive: p, negative: n)
            #expect(g1.anchor == g2.anchor && g1.positive == g2.positive && g1.negative == g2.negative)
        }
        #expect(hinge.value(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[2, -1]]) == 0)
        #expect(abs(hinge.value(anchor: [[0, 1]], positive: [[0.2, 0.9]], negative: [[0.3, 0.8]]) - 0.1687112714) < 1e-10)
    }

    @Test("CL-4: NT-Xent of the pairs ((1, 0), (0.8, 0.6)) and ((0, 1), (0.6, 0.8)) at tau = 0.5 is 0.8707137571")
    func cl4NTXentHandCase() {
        let z: [[Double]] = [[1, 0], [0, 1], [0.8, 0.6], [0.6, 0.8]]
        #expect(abs(NTXent.reference(z, temperature: 0.5) - 0.8707137571) < 1e-10)
        #expect(abs(Double(NTXent(temperature: 0.5).value(tensor(z))) - 0.8707137571) < 1e-6)
    }

    @Test("CL-5: one anchor's term l_1 = 0.6271230573, and InfoNCE with that anchor's negatives as the queue agrees")
    func cl5OneAnchorAndInfoNCE() {
        let reference = InfoNCE.reference(queries: [[1, 0]], keys: [[0.8, 0.6]], queue: [[0, 1], [0.6, 0.8]], temperature: 0.5)
        #expect(abs(reference - 0.6271230573) < 1e-10)
        let value = InfoNCE(temperature: 0.5).valueAndGradient(queries: Tensor([[1, 0]]), keys: Tensor([[0.8, 0.6]]),
                                                               queue: Tensor([[0, 1], [0.6, 0.8]])).value
        #expect(abs(Double(value) - 0.6271230573) < 1e-6)
    }

    @Test("NT-Xent at the start: all views alike gives log(2N - 1) exactly; N = 4: log 7 = 1.9459101")
    func ntXentOfIdenticalRows() {
        let z = Tensor(shape: [8, 3], repeating: 1)
        #expect(abs(NTXent(temperature: 0.5).value(z) - 1.9459101) < 1e-5)
    }
}
