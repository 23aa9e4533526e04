// Tests on Zachary's karate club (Data/, see Data/README.md): loading through Core's DataFiles, the
// semi-supervised two-layer GCN of MLiS II Eq. (2.9.5) with one labelled member per faction, and
// Kipf & Welling's untrained three-layer embedding.

import Foundation
import Testing
import Core
import GraphNetworks

@Suite("Zachary's karate club")
struct KarateClubTests {
    @Test("34 members, 78 friendships, 17 per faction; Mr. Hi (0) has 16 friends, the Officer (33) 17; one component")
    func loads() throws {
        let club = try KarateClub.load()
        #expect(club.graph.nodeCount == 34 && club.graph.edges.count == 78)
        #expect(club.factions.filter { $0 == 0 }.count == 17)
        #expect(club.factions[0] == 0 && club.factions[33] == 1)
        #expect(club.graph.degrees[0] == 16 && club.graph.degrees[33] == 17)
        #expect(club.graph.degrees.reduce(0, +) == 2 * 78)
        #expect(club.graph.connectedComponents.count == 1)
    }

    @Test("Two-layer GCN (Eq. (2.9.5)), X = I, members 0 and 33 labelled: 31 of the other 32 right (seed 1, 200 epochs, Adam 0.01)")
    func semiSupervisedAccuracy() throws {
        let club = try KarateClub.load()
        let (model, losses) = try club.trainSemiSupervised(seed: 1)
        let predictions = model.predictions(identityFeatures(34))
        let accuracy = club.unlabelledAccuracy(predictions)
        #expect(accuracy >= 0.9, "accuracy on the 32 unlabelled members: \(accuracy)")
        #expect(accuracy == 31.0 / 32, "the chapter's karate_unlabelled_accuracy=0.9688 (seed 1): \(accuracy * 32)/32")
        #expect(predictions[0] == 0 && predictions[33] == 1, "the labelled members are fitted")
        #expect(losses.last! < 0.05 * losses.first!, "loss \(losses.first!) -> \(losses.last!)")
    }

    @Test("The accuracy holds across initialisations: >= 90 % for every seed 1...10")
    func semiSupervisedAcrossSeeds() throws {
        let club = try KarateClub.load()
        for seed in UInt64(1)...10 {
            let model = try club.trainSemiSupervised(seed: seed).model
            let accuracy = club.unlabelledAccuracy(model.predictions(identityFeatures(34)))
            #expect(accuracy >= 0.9, "seed \(seed): \(accuracy)")
        }
    }

    @Test("Training is deterministic: the same seed gives the same weights")
    func determinism() throws {
        let club = try KarateClub.load()
        let first = try club.trainSemiSupervised(seed: 4, epochs: 20).model.parameters.map(\.value)
        let second = try club.trainSemiSupervised(seed: 4, epochs: 20).model.parameters.map(\.value)
        #expect(first == second)
    }

    @Test("Untrained 3-layer GCN (34 -> 4 -> 4 -> 2, tanh): its best linear split beats random points' by >= 0.1 (seeds 1...20)")
    func untrainedEmbeddingSeparatesFactions() throws {
        let club = try KarateClub.load()
        var generator = Xoshiro256StarStar(seed: 1_000)
        var graphMean = 0.0, randomMean = 0.0
        for seed in UInt64(1)...20 {
            graphMean += club.separation(of: club.untrainedEmbedding(seed: seed)) / 20
            randomMean += club.separation(of: generator.normalTensor(shape: [34, 2])) / 20
        }
        #expect(graphMean >= 0.85, "untrained GCN embedding: mean best split \(graphMean)")
        #expect(randomMean <= 0.75, "random points: mean best split \(randomMean)")
        #expect(graphMean >= randomMean + 0.1)
    }
}

@Suite("Karate-club files with errors: each names the file and the line")
struct KarateClubFileErrorTests {
    /// Writes the two files to a fresh temporary folder and tries to load them.
    func load(edges: String, factions: String) throws -> KarateClub {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("karate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (edgesPath, factionsPath) = (folder.appendingPathComponent("edges.csv").path, folder.appendingPathComponent("factions.csv").path)
        try edges.write(toFile: edgesPath, atomically: true, encoding: .utf8)
        try factions.write(toFile: factionsPath, atomically: true, encoding: .utf8)
        return try KarateClub.load(edgesPath: edgesPath, factionsPath: factionsPath)
    }

    let threeMembers = "node,faction\n0,Mr. Hi\n1,Officer\n2,Officer\n"

    /// The description of the error `body` throws (empty if it does not throw).
    func message(_ body: () throws -> KarateClub) -> String {
        do { _ = try body() } catch { return "\(error)" }
        return ""
    }

    @Test("A small well-formed pair of files loads")
    func wellFormed() throws {
        let club = try load(edges: "source,target\n0,1\n2,1\n", factions: threeMembers)
        #expect(club.graph.adjacency == Tensor([[0, 1, 0], [1, 0, 1], [0, 1, 0]]) && club.factions == [0, 1, 1])
    }

    @Test("An edge to a member that does not exist: edges.csv line 3")
    func edgeToMissingMember() {
        let text = message { try load(edges: "source,target\n0,1\n1,3\n", factions: threeMembers) }
        #expect(text.contains("edges.csv:3:") && text.contains("\"3\", expected an integer in 0...2"), "\(text)")
    }

    @Test("A self-loop and a repeated edge are errors at their lines")
    func selfLoopAndRepeat() {
        let loop = message { try load(edges: "source,target\n2,2\n", factions: threeMembers) }
        #expect(loop.contains("edges.csv:2: the edge (2, 2) is a self-loop"), "\(loop)")
        let repeated = message { try load(edges: "source,target\n0,1\n1,0\n", factions: threeMembers) }
        #expect(repeated.contains("edges.csv:3: the edge (1, 0) is listed twice"), "\(repeated)")
    }

    @Test("An unknown faction, a member listed twice, and a short line in the factions file")
    func badFactions() {
        let unknown = message { try load(edges: "source,target\n", factions: "node,faction\n0,Mr. Hi\n1,Karate\n") }
        #expect(unknown.contains("factions.csv:3: column 2 is \"Karate\""), "\(unknown)")
        let twice = message { try load(edges: "source,target\n", factions: "node,faction\n0,Mr. Hi\n0,Officer\n") }
        #expect(twice.contains("factions.csv:3: member 0 is listed twice"), "\(twice)")
        let short = message { try load(edges: "source,target\n", factions: "node,faction\n0\n") }
        #expect(short.contains("factions.csv:2: expected 2 comma-separated values"), "\(short)")
    }
}
