// Tests of the environments (GridGeometry, GridWorld, CliffWalking, FrozenLake): their rules as
// Sutton & Barto's Example 6.6 and Gym's FrozenLake state them, and the sampling of `step`.

import Testing
import Core
import ReinforcementLearning

let (up, right, down, left) = (GridMove.up.rawValue, GridMove.right.rawValue, GridMove.down.rawValue, GridMove.left.rawValue)

@Suite("Grid environments")
struct EnvironmentTests {
    @Test("Cells are numbered row by row from the top; moves into the outer wall stay put")
    func geometry() {
        let grid = GridGeometry(rows: 4, columns: 12)
        #expect(grid.state(row: 3, column: 0) == 36)
        #expect(grid.cell(of: 47) == (3, 11))
        #expect(grid.neighbour(of: 36, moving: .left) == 36)
        #expect(grid.neighbour(of: 36, moving: .down) == 36)
        #expect(grid.neighbour(of: 36, moving: .up) == 24)
        #expect(grid.neighbour(of: 11, moving: .right) == 11)
        #expect(GridMove.up.perpendicular == [.left, .right])
        #expect(GridMove.allCases.map(\.arrow) == ["↑", "→", "↓", "←"])
    }

    @Test("Example 6.6: -1 per step; into the cliff: -100 and back to S, the episode goes on; G ends it")
    func cliffRules() {
        let cliff = CliffWalking()
        #expect(cliff.stateCount == 48 && cliff.actionCount == 4)
        #expect(cliff.startState == 36 && cliff.goalState == 47)
        #expect(cliff.outcomes(of: right, in: 36) == [Outcome(probability: 1, reward: -100, nextState: 36)])
        #expect(cliff.outcomes(of: up, in: 36) == [Outcome(probability: 1, reward: -1, nextState: 24)])
        #expect(cliff.outcomes(of: down, in: 30) == [Outcome(probability: 1, reward: -100, nextState: 36)])
        #expect(cliff.outcomes(of: down, in: 35) == [Outcome(probability: 1, reward: -1, nextState: 47)])
        #expect(cliff.isTerminal(47) && !cliff.isTerminal(36) && !cliff.isTerminal(35))
        #expect(cliff.isDeterministic)
        #expect(cliff.mapPicture.split(separator: "\n").last == "S C C C C C C C C C C G")
    }

    @Test("A deterministic step draws no random number")
    func deterministicStepDrawsNothing() {
        let cliff = CliffWalking()
        var generator = Xoshiro256StarStar(seed: 9)
        let untouched = generator
        let step = cliff.step(from: 36, taking: up, generator: &generator)
        #expect(step.reward == -1 && step.nextState == 24)
        #expect(generator.next() == { var copy = untouched; return copy.next() }())
    }

    @Test("The chain: S . . . G, reward 1 for reaching G, walls up and down")
    func chain() {
        let chain = GridWorld.chain(length: 5)
        #expect(chain.stateCount == 5 && chain.startState == 0 && chain.isTerminal(4))
        #expect(chain.outcomes(of: right, in: 3) == [Outcome(probability: 1, reward: 1, nextState: 4)])
        #expect(chain.outcomes(of: right, in: 2) == [Outcome(probability: 1, reward: 0, nextState: 3)])
        #expect(chain.outcomes(of: up, in: 2) == [Outcome(probability: 1, reward: 0, nextState: 2)])
        #expect(chain.outcomes(of: left, in: 0) == [Outcome(probability: 1, reward: 0, nextState: 0)])
        #expect(chain.mapPicture == "S . . . G")
    }

    @Test("Frozen lake: the intended move or one of the two perpendicular ones, 1/3 each; holes and G end the episode")
    func frozenLakeRules() {
        let lake = FrozenLake()
        #expect(lake.mapPicture == "S . . .\n. H . H\n. . . H\nH . . G")
        #expect(lake.outcomes(of: down, in: 0).map(\.nextState) == [4, 0, 1])
        #expect(lake.outcomes(of: right, in: 14).map(\.nextState) == [15, 10, 14])
        #expect(lake.outcomes(of: right, in: 14).map(\.reward) == [1, 0, 0])
        for state in 0..<16 where !lake.isTerminal(state) {
            for action in 0..<4 {
                let outcomes = lake.outcomes(of: action, in: state)
                #expect(outcomes.count == 3)
                #expect(isApproximatelyEqual(outcomes.map(\.probability).reduce(0, +), 1))
            }
        }
        #expect([5, 7, 11, 12, 15].allSatisfy(lake.isTerminal))
        #expect(!lake.isDeterministic)
        let ice = FrozenLake(isSlippery: false)
        #expect(ice.outcomes(of: down, in: 0) == [Outcome(probability: 1, reward: 0, nextState: 4)])
        #expect(ice.isDeterministic)
    }

    @Test("Sampling a slippery step lands on each outcome about 1/3 of the time (seed 21, 30,000 steps)")
    func frozenLakeSampling() {
        let lake = FrozenLake()
        var generator = Xoshiro256StarStar(seed: 21)
        var counts: [Int: Int] = [:]
        for _ in 0..<30_000 { counts[lake.step(from: 6, taking: down, generator: &generator).nextState, default: 0] += 1 }
        // From 6, down -> 10, left -> 5 (a hole), right -> 7 (a hole). Binomial sd 82: +-400 is about 5 sigma.
        #expect(Set(counts.keys) == [10, 5, 7])
        #expect(counts.values.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
    }

    @Test("A policy drawn as arrows, and only along a path")
    func policyPictures() {
        let chain = GridWorld.chain(length: 4)
        #expect(chain.policyPicture([1, 1, 3, 0]) == "→ → ← G")
        #expect(chain.policyPicture([1, 1, 3, 0], path: [0, 1]) == "→ → · G")
        let lake = FrozenLake()
        #expect(lake.policyPicture([Int](repeating: 0, count: 16)).hasSuffix("H ↑ ↑ G"))
        #expect(lake.gridRows(Array(0..<16).map(Double.init))[3] == [12, 13, 14, 15])
    }
}
