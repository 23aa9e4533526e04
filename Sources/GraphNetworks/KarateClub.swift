// KarateClub.swift: Zachary's karate club (W. W. Zachary, J. Anthropological Research 33, 1977; see
// Data/README.md), the graph Kipf & Welling use to show semi-supervised GCNs: 34 members, 78
// friendships, and the faction each member joined when the club split. Loaded through Core's
// DataFiles, so a malformed line is an error naming the file and the line.

import Core

/// The karate-club graph and the faction of every member.
///
/// ```swift
/// let club = try KarateClub.load()
/// print(club.graph.nodeCount, club.graph.edges.count)   // 34 78
/// print(club.factions[KarateClub.instructor], club.factions[KarateClub.administrator])   // 0 1
/// ```
public struct KarateClub: Sendable {
    /// The friendship graph, nodes 0...33.
    public let graph: Graph
    /// 0 for members who followed Mr. Hi (the instructor), 1 for those who stayed with the Officer.
    public let factions: [Int]

    /// The faction names, in the order of their labels; the spelling of the data file.
    public static let factionNames = ["Mr. Hi", "Officer"]
    /// Member 0, Mr. Hi, the instructor.
    public static let instructor = 0
    /// Member 33, the Officer (the club's administrator, "John A.").
    public static let administrator = 33

    public init(graph: Graph, factions: [Int]) {
        require(factions.count == graph.nodeCount,
                "KarateClub: \(factions.count) factions for \(graph.nodeCount) members")
        self.graph = graph
        self.factions = factions
    }

    /// Loads the two files: `node,faction` (a header, then one line per member 0...N-1, in any order)
    /// and `source,target` (a header, then one line per undirected friendship).
    /// Throws `DataFileError` naming the file and line of the first problem: a wrong number of fields,
    /// a faction other than "Mr. Hi" and "Officer", a member listed twice or missing, an edge to a
    /// member that does not exist, a self-loop, or an edge listed twice.
    public static func load(edgesPath: String = DataFiles.path("karate-club-edges.csv"),
                            factionsPath: String = DataFiles.path("karate-club-factions.csv")) throws -> KarateClub {
        let factions = try loadFactions(path: factionsPath)
        let edges = try loadEdges(path: edgesPath, nodeCount: factions.count)
        return KarateClub(graph: Graph(nodeCount: factions.count, edges: edges), factions: factions)
    }

    private static func loadFactions(path: String) throws -> [Int] {
        let rows = try DataFiles.readCSV(path: path, skipHeader: true)
        var factions = [Int?](repeating: nil, count: rows.count)
        for (line, fields) in rows {
            guard fields.count == 2 else {
                throw DataFileError(file: path, line: line, reason: "expected 2 comma-separated values (node,faction), found \(fields.count)")
            }
            let node = try DataFiles.integer(fields[0], in: 0...max(rows.count - 1, 0), file: path, line: line, column: 0)
            guard let faction = factionNames.firstIndex(of: fields[1]) else {
                throw DataFileError(file: path, line: line,
                                    reason: "column 2 is \"\(fields[1])\", expected \(factionNames.map { "\"\($0)\"" }.joined(separator: " or "))")
            }
            guard factions[node] == nil else {
                throw DataFileError(file: path, line: line, reason: "member \(node) is listed twice")
            }
            factions[node] = faction
        }
        guard !rows.isEmpty else { throw DataFileError(file: path, line: nil, reason: "the file has no members") }
        return factions.map { $0! }   // rows.count distinct members in 0..<rows.count: every one is there
    }

    private static func loadEdges(path: String, nodeCount: Int) throws -> [(Int, Int)] {
        var seen = Set<[Int]>()
        var edges: [(Int, Int)] = []
        for (line, fields) in try DataFiles.readCSV(path: path, skipHeader: true) {
            guard fields.count == 2 else {
                throw DataFileError(file: path, line: line, reason: "expected 2 comma-separated values (source,target), found \(fields.count)")
            }
            let source = try DataFiles.integer(fields[0], in: 0...(nodeCount - 1), file: path, line: line, column: 0)
            let target = try DataFiles.integer(fields[1], in: 0...(nodeCount - 1), file: path, line: line, column: 1)
            guard source != target else {
                throw DataFileError(file: path, line: line, reason: "the edge (\(source), \(target)) is a self-loop")
            }
            guard seen.insert([min(source, target), max(source, target)]).inserted else {
                throw DataFileError(file: path, line: line, reason: "the edge (\(source), \(target)) is listed twice")
            }
            edges.append((source, target))
        }
        return edges
    }
}
