// Two more figures of the convolution chapter: the convolution as one matrix product, K* I* of
// MLiS II Eq. (2.2.6) on the worked 4 x 4 example of Sec. 2.2.1, and IoU (Eq. (2.7.9), Fig. 2.7.3)
// as two boxes with their overlap and union.

import Core
import Convolution

/// Eq. (2.2.6): the 3 x 3 kernel unrolled into K* (4 x 16), times the flattened image I* (16 x 1), gives (72, 71, 84, 84).
func unrolledKernelFigure(options: ChapterOptions) throws {
    let image = Tensor(shape: [1, 1, 4, 4], scalars: [0, 1, 2, 3, 4, 5, 4, 4, 6, 5, 7, 1, 1, 2, 2, 8])
    let kernel = Tensor(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 3, 4, 2, 2, 1, 1])
    let kStar = ConvolutionMatrix(weights: kernel, geometry: ConvolutionGeometry(channels: 1, height: 4, width: 4, outputChannels: 1, kernel: 3))
    let product = kStar.apply(image)
    var grid = NumberGrid(title: "The convolution as one matrix product, K* I* (Eq. (2.2.6))")
    grid.add("K", plane(kernel), tint: .grey)
    grid.newRow()
    let rows = (0..<kStar.matrix.rows).map { kStar.matrix.row($0).map(Double.init) }
    grid.add("K* (4 x 16): row 3 starts at I*_5", rows, tint: .grey, highlighted: (0..<16).filter { rows[2][$0] != 0 }.map { (2, $0) })
    grid.add(symbol: "x")
    grid.add("I*", image.scalars.map { [Double($0)] }, tint: .blue)
    grid.add(symbol: "=")
    grid.add("K* I*", product.scalars.map { [Double($0)] }, tint: .green, highlighted: [(2, 0)])
    print("   Eq. (2.2.6): K* is \(kStar.matrix.shape[0]) x \(kStar.matrix.shape[1]); K* I* = \(product.scalars.map { Int($0) }), the 2 x 2 output of Sec. 2.2.1")
    try writeGrid(grid, "eq-2.2.6-unrolled-kernel.svg", caption: "Eq. (2.2.6): the kernel unrolled into K*, one row per output position", options: options)
}

/// Fig. 2.7.3: boxes A and B, their overlap and their union, and IoU = |A ∩ B| / |A ∪ B| from the library.
func overlapFigure(options: ChapterOptions) throws {
    let (a, b) = (Box(x1: 1, y1: 1, x2: 5, y2: 4), Box(x1: 3, y1: 2, x2: 7, y2: 6))
    let iou = intersectionOverUnion(a, b)
    let overlap = Box(x1: max(a.x1, b.x1), y1: max(a.y1, b.y1), x2: min(a.x2, b.x2), y2: min(a.y2, b.y2))
    let union = a.area + b.area - overlap.area
    let scale = 28.0, panelWidth = 270.0
    var document = SVGDocument(width: 3 * panelWidth, height: 300)
    document.rect(x: 0, y: 0, width: 3 * panelWidth, height: 300, fill: "#ffffff")
    document.text("IoU = area of overlap / area of union (Fig. 2.7.3, Eq. (2.7.9))", x: 1.5 * panelWidth, y: 28, size: 16, anchor: .middle, bold: true)
    func draw(_ box: Box, panel: Int, fill: String, stroke: String) {
        document.rect(x: Double(panel) * panelWidth + 10 + box.x1 * scale, y: 270 - box.y2 * scale,
                      width: (box.x2 - box.x1) * scale, height: (box.y2 - box.y1) * scale, fill: fill, stroke: stroke, strokeWidth: 2)
    }
    let (blue, red) = ("#1f77b4", "#d62728")
    draw(a, panel: 0, fill: "none", stroke: blue)
    draw(b, panel: 0, fill: "none", stroke: red)
    document.text("A (blue) and B (red)", x: 0.5 * panelWidth, y: 292, size: 13, anchor: .middle)
    draw(a, panel: 1, fill: "#ffffff", stroke: "#bbbbbb")
    draw(b, panel: 1, fill: "#ffffff", stroke: "#bbbbbb")
    draw(overlap, panel: 1, fill: "#9467bd", stroke: "#9467bd")
    document.text("overlap |A ∩ B| = \(formatted(overlap.area, digits: 0))", x: 1.5 * panelWidth, y: 292, size: 13, anchor: .middle)
    draw(a, panel: 2, fill: "#9467bd", stroke: "#9467bd")
    draw(b, panel: 2, fill: "#9467bd", stroke: "#9467bd")
    document.text("union |A ∪ B| = \(formatted(union, digits: 0)); IoU = \(formatted(iou, digits: 4))", x: 2.5 * panelWidth, y: 292, size: 13, anchor: .middle)
    let path = try options.figurePath("fig-2.7.3-iou.svg")
    try document.write(to: path)
    print("   Fig. 2.7.3: A = (1, 1)-(5, 4), B = (3, 2)-(7, 6): overlap \(formatted(overlap.area, digits: 0)), union \(formatted(union, digits: 0)),"
          + " IoU = \(formatted(iou, digits: 4)) (= 4/24)")
    print("   wrote \(path)\n      Fig. 2.7.3: two boxes, their overlap and their union, with IoU = overlap / union")
}
