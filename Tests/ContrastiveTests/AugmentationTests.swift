// The augmentations: the shift moves pixels and brings zeros in, the blur keeps the mass of an
// interior pixel, views stay in [0, 1], and the same seed gives the same views.

import Testing
import Core
import Contrastive

@Suite("Contrastive: augmentations")
struct AugmentationTests {
    @Test("shifted: one pixel at (2, 3) moved by (1, -2) lands at (3, 1); shifted off the frame it is gone")
    func shift() {
        let augmentation = Augmentation()
        var image = [Float](repeating: 0, count: 64)
        image[2 * 8 + 3] = 1
        let moved = augmentation.shifted(image, rows: 1, columns: -2)
        #expect(moved[3 * 8 + 1] == 1 && moved.reduce(0, +) == 1)
        #expect(augmentation.shifted(image, rows: 0, columns: 5).reduce(0, +) == 0)
    }

    @Test("blurred: an interior pixel spreads as (1 2 1; 2 4 2; 1 2 1)/16 and keeps its total")
    func blur() {
        var image = [Float](repeating: 0, count: 64)
        image[3 * 8 + 3] = 16
        let blurred = Augmentation().blurred(image)
        #expect(blurred[3 * 8 + 3] == 4 && blurred[2 * 8 + 2] == 1 && blurred[3 * 8 + 4] == 2)
        #expect(blurred.reduce(0, +) == 16)
    }

    @Test("views: in [0, 1], different from the image, the same for the same seed")
    func views() throws {
        let digits = try Digits.load()
        let images = digits.images.sliced(0..<20)
        var first = Xoshiro256StarStar(seed: 4)
        var second = Xoshiro256StarStar(seed: 4)
        let a = Augmentation().views(of: images, generator: &first)
        let b = Augmentation().views(of: images, generator: &second)
        #expect(a == b && a != images)
        #expect(a.scalars.allSatisfy { (0...1).contains($0) })
    }
}
