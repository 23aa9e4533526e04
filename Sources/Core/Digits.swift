// Digits.swift: the 8x8 handwritten digits (UCI optdigits test set, 1,797 images; see Data/README.md)
// and the one fixed, stratified train/test split every chapter and test uses.

/// The digits as a design matrix: one image per row (feature-by-column, MLiS II Sec. 1.2.1).
public struct Digits: Sendable {
    /// Shape [N, 64]: pixel values scaled from 0...16 to [0, 1] (min-max scaling, MLiS II Eq. (1.6.5),
    /// with the known range of the sensor rather than the sample's).
    public let images: Tensor
    /// The digit 0...9 of each row.
    public let labels: [Int]

    public static let classes = 10
    public static let pixels = 64
    /// The seed of the standard split. Changing it changes every reported accuracy.
    public static let splitSeed: UInt64 = 20_240_601

    public init(images: Tensor, labels: [Int]) {
        requireShapes(images.rank == 2 && images.rows == labels.count, "Digits", images.shape, [labels.count])
        self.images = images
        self.labels = labels
    }

    /// Loads digits.csv: 64 integers in 0...16 then a label in 0...9 per line.
    /// Throws `DataFileError` naming the file and line of the first malformed row.
    public static func load(path: String = DataFiles.path("digits.csv")) throws -> Digits {
        var pixels: [Float] = []
        var labels: [Int] = []
        for (line, fields) in try DataFiles.readCSV(path: path) {
            guard fields.count == Self.pixels + 1 else {
                throw DataFileError(file: path, line: line,
                                    reason: "expected \(Self.pixels + 1) comma-separated values (64 pixels and a label), found \(fields.count)")
            }
            for column in 0..<Self.pixels {
                let value = try DataFiles.integer(fields[column], in: 0...16, file: path, line: line, column: column)
                pixels.append(Float(value) / 16)
            }
            labels.append(try DataFiles.integer(fields[Self.pixels], in: 0...9, file: path, line: line, column: Self.pixels))
        }
        guard !labels.isEmpty else { throw DataFileError(file: path, line: nil, reason: "the file has no data rows") }
        return Digits(images: Tensor(shape: [labels.count, Self.pixels], scalars: pixels), labels: labels)
    }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> Digits {
        Digits(images: images.gatheringRows(indices), labels: indices.map { labels[$0] })
    }

    /// A stratified split: of each class, round(testFraction * n_c) examples, drawn with `seed`,
    /// go to the test set and the rest to the training set; both keep the file's order.
    public func stratifiedSplit(testFraction: Double = 0.2, seed: UInt64 = Digits.splitSeed)
        -> (train: Digits, test: Digits)
    {
        require(testFraction > 0 && testFraction < 1, "stratifiedSplit: testFraction \(testFraction) is not in (0, 1)")
        var generator = Xoshiro256StarStar(seed: seed)
        var isTest = [Bool](repeating: false, count: labels.count)
        for digit in Set(labels).sorted() {
            var members = labels.indices.filter { labels[$0] == digit }
            generator.shuffle(&members)
            let testCount = Int((testFraction * Double(members.count)).rounded())
            for index in members.prefix(testCount) { isTest[index] = true }
        }
        return (subset(labels.indices.filter { !isTest[$0] }), subset(labels.indices.filter { isTest[$0] }))
    }

    /// The split every chapter uses: the whole file, 80/20, seed `splitSeed`.
    public static func standardSplit() throws -> (train: Digits, test: Digits) {
        try load().stratifiedSplit()
    }
}
