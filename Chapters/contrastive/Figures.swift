// The chapter's figures: augmented views of a few digits, the 2-D projection of learnt features by PCA
// (the Autoencoders module's `PrincipalComponents`, on Core's symmetric eigen-solver), the losses.

import Core
import Autoencoders
import Contrastive
import Foundation

/// Six digits, each followed by five random views (thesis Sec. 2.1.4).
func drawViews(_ train: Digits, options: ChapterOptions, generator: inout Xoshiro256StarStar) throws {
    var grid = ImageGrid(title: "Six training digits (left) and five random views of each: shift-and-crop, blur, contrast, noise",
                         columns: 6, valueRange: 0...1, imageSize: 56)
    let augmentation = Augmentation()
    for index in 0..<6 {
        let image = train.images.row(index * 7)
        grid.add(image: image, width: 8, height: 8, caption: "digit \(train.labels[index * 7])")
        for view in 1...5 { grid.add(image: augmentation.view(of: image, generator: &generator), width: 8, height: 8, caption: "view \(view)") }
    }
    let path = try options.figurePath("augmented-views.svg")
    try grid.write(to: path)
    print("Augmentations (8x8 grey digits): shift by up to 1 pixel and crop back, 3x3 Gaussian blur with probability 0.5, "
          + "contrast x U(0.7, 1.3), Gaussian noise sigma 0.1 (no hue to distort)")
    print("wrote \(path)\n")
}

/// The test digits' representations projected on their top two principal components, coloured by digit.
func drawProjection(_ features: Tensor, labels: [Int], options: ChapterOptions) throws {
    let pca = PrincipalComponents(features)
    let plane = pca.top(2)
    let points: [[Double]] = (0..<features.rows).map { i in
        let centred = zip(features.row(i), pca.mean).map { Double($0) - $1 }
        return plane.map { direction in zip(centred, direction).reduce(0) { $0 + $1.0 * $1.1 } }
    }
    var plot = ScatterPlot(title: "SimCLR representations of the test digits, top two principal components",
                           xLabel: "PC 1", yLabel: "PC 2", classNames: (0..<10).map { "digit \($0)" })
    plot.add(points: points, labels: labels)
    let path = try options.figurePath("simclr-features-pca.svg")
    try plot.write(to: path)
    print("2-D projection of the SimCLR features (PCA), coloured by digit:")
    print("wrote \(path)")
}

/// The mean loss per epoch of SimCLR and MoCo, with log(2N - 1) marked.
func drawLosses(_ simCLR: ContrastiveHistory, _ moco: ContrastiveHistory, batchSize: Int, options: ChapterOptions) throws {
    var plot = LinePlot(title: "Contrastive losses per epoch", xLabel: "epoch", yLabel: "mean loss")
    plot.add(x: (1...simCLR.epochLoss.count).map(Double.init), y: simCLR.epochLoss.map(Double.init), name: "SimCLR NT-Xent")
    plot.add(x: (1...moco.epochLoss.count).map(Double.init), y: moco.epochLoss.map(Double.init), name: "MoCo InfoNCE")
    let start = log(Double(2 * batchSize - 1))
    plot.add(x: [1, Double(simCLR.epochLoss.count)], y: [start, start], name: "log(2N - 1)")
    let path = try options.figurePath("losses.svg")
    try plot.write(to: path)
    print("The pre-training losses:")
    print("wrote \(path)")
}
