// ImageGrid.swift: small grey images in a grid with a caption under each, e.g. 8x8 digits with
// their true and predicted labels, or the filters a first layer has learnt.
// Goals, in order: pixels shown exactly (one square each, no smoothing); one grey scale for all
// images when their values share a meaning (digit pixels 0...16); non-finite pixels reported.

/// Images drawn side by side, `columns` to a row, each with an optional caption underneath.
///
/// ```swift
/// var grid = ImageGrid(title: "Digits", columns: 5, valueRange: 0...16)
/// grid.add(image: pixels, width: 8, height: 8, caption: "label 3")   // pixels: 64 values, row by row
/// try grid.write(to: "figures/digits.svg")
/// ```
///
/// `pixels` are in row-major order with row 0 at the TOP, as images are stored (unlike the rows
/// of a `ValueMap`, which start at the bottom like a y axis). Values are mapped through `colourMap`
/// over `valueRange` (white for the lower end, black for the upper, by default); with no
/// `valueRange` each image is scaled from its own smallest to its largest value, which suits
/// learnt filters whose scales differ. NaN and infinite pixels are left white and counted in a
/// red footnote.
public struct ImageGrid: Figure {
    /// One image: `width * height` pixel values, row 0 at the top.
    public struct Image: Sendable {
        public let pixels: [Double]
        public let width: Int
        public let height: Int
        public let caption: String
    }

    public var title: String
    /// The number of images in one row of the grid.
    public let columns: Int
    /// The pixel values drawn white and black; nil scales each image by its own range.
    public var valueRange: ClosedRange<Double>?
    /// White to black by default: ink on paper.
    public var colourMap: ColourMap = .greys
    /// The size in pixels of the longer side of each image on screen.
    public var imageSize: Double
    /// The images in the order they were added, drawn left to right, then top to bottom.
    public private(set) var images: [Image] = []

    /// Preconditions: `columns >= 1`, `imageSize > 0`, and `valueRange`, if given, is finite and wider than a point.
    public init(title: String = "", columns: Int = 10, valueRange: ClosedRange<Double>? = nil, imageSize: Double = 64) {
        require(columns >= 1, "ImageGrid: columns must be >= 1, got \(columns)")
        require(imageSize > 0 && imageSize.isFinite, "ImageGrid: imageSize must be positive, got \(imageSize)")
        if let valueRange { MapGrid.requireRange(valueRange, "ImageGrid valueRange") }
        self.title = title
        self.columns = columns
        self.valueRange = valueRange
        self.imageSize = imageSize
    }

    /// Adds one image. Precondition: `pixels.count == width * height`, both sizes >= 1.
    public mutating func add(image pixels: [some BinaryFloatingPoint], width: Int, height: Int, caption: String = "") {
        require(width >= 1 && height >= 1 && pixels.count == width * height,
                     "ImageGrid.add: a \(width) x \(height) image needs \(width * height) pixels, got \(pixels.count)")
        images.append(Image(pixels: pixels.map { Double($0) }, width: width, height: height, caption: caption))
    }

    public func svg() -> String {
        let gap = 10.0
        let hasCaptions = images.contains { !$0.caption.isEmpty }
        let widestCaption = images.map { FigureStyle.textWidth($0.caption, size: FigureStyle.tickSize) }.max() ?? 0
        let tileWidth = max(imageSize, widestCaption + 4)
        let tileHeight = imageSize + (hasCaptions ? 16 : 0)
        let gridColumns = max(1, min(columns, images.count))
        let gridRows = (images.count + columns - 1) / columns
        let nonFinite = images.reduce(0) { $0 + $1.pixels.filter { !$0.isFinite }.count }
        let footnotes = skippedFootnote(nonFinite, "NaN or infinite pixels (white)")

        let top = title.isEmpty ? gap : 40
        let canvasWidth = max(gap + Double(gridColumns) * (tileWidth + gap), FigureStyle.textWidth(title, size: FigureStyle.titleSize) + 20)
        let canvasHeight = top + Double(gridRows) * (tileHeight + gap) + 14 * Double(footnotes.count) + (footnotes.isEmpty ? 0 : 4)
        var document = SVGDocument(width: canvasWidth, height: canvasHeight)
        document.rect(x: 0, y: 0, width: canvasWidth, height: canvasHeight, fill: "#ffffff")
        if !title.isEmpty {
            document.text(title, x: canvasWidth / 2, y: 26, size: FigureStyle.titleSize, anchor: .middle, bold: true)
        }
        for (index, image) in images.enumerated() {
            let tileLeft = gap + Double(index % columns) * (tileWidth + gap)
            let tileTop = top + Double(index / columns) * (tileHeight + gap)
            let pixelSize = imageSize / Double(max(image.width, image.height))
            // Centre the image in its tile: a wide caption or a non-square image leaves room.
            let left = tileLeft + (tileWidth - pixelSize * Double(image.width)) / 2
            let imageTop = tileTop + (imageSize - pixelSize * Double(image.height)) / 2
            let scale = valueRange.map { PlotAxis(lower: $0.lowerBound, upper: $0.upperBound) }
                ?? PlotAxis(fitting: image.pixels.filter { $0.isFinite }, padding: 0)
            document.group("image", crispEdges: true) { pixels in
                for row in 0..<image.height {
                    for column in 0..<image.width {
                        let value = image.pixels[row * image.width + column]
                        guard value.isFinite else { continue }
                        pixels.rect(x: left + Double(column) * pixelSize, y: imageTop + Double(row) * pixelSize,
                                    width: pixelSize, height: pixelSize,
                                    fill: colourMap.colour(at: scale.fraction(of: value)).hex)
                    }
                }
                pixels.rect(x: left, y: imageTop, width: pixelSize * Double(image.width),
                            height: pixelSize * Double(image.height), fill: "none", stroke: "#bbbbbb")
            }
            if !image.caption.isEmpty {
                document.text(image.caption, x: tileLeft + tileWidth / 2, y: tileTop + imageSize + 13,
                              size: FigureStyle.tickSize, anchor: .middle)
            }
        }
        drawFootnotes(footnotes, left: 8, baseline: canvasHeight - 8 - 14 * Double(footnotes.count - 1), into: &document)
        return document.render()
    }
}
