import Testing

@testable import Charts

/// The PNG writer (zlib, "Up" filter) round-trips through cairo's own PNG reader.
@Suite struct PNGEncoderTests {
    @Test func opaqueImagesAreRGB() throws {
        let canvas = try CairoCanvas(format: .png, width: 3, height: 2, pngScale: 1)
        canvas.fillRectangle(x: 0, y: 0, width: 3, height: 2, color: RGBA(hex: 0x4A78A6))
        canvas.fillRectangle(x: 1, y: 1, width: 1, height: 1, color: RGBA(hex: 0xD9822B))
        let png = try canvas.render()
        #expect(png[25] == 2)  // IHDR colour type: truecolour
        let image = try CairoCanvas.decodePNG(png)
        #expect(image.width == 3 && image.height == 2)
        #expect(image.pixels[0] == 0xFF4A_78A6)
        #expect(image.pixels[4] == 0xFFD9_822B)
    }

    @Test func translucentImagesKeepAlpha() throws {
        let canvas = try CairoCanvas(format: .png, width: 2, height: 2, pngScale: 1)
        canvas.fillRectangle(x: 0, y: 0, width: 1, height: 2, color: RGBA(red: 1, green: 0, blue: 0, alpha: 0.5))
        let png = try canvas.render()
        #expect(png[25] == 6)  // IHDR colour type: truecolour with alpha
        let image = try CairoCanvas.decodePNG(png)
        let pixel = image.pixels[0]
        let alpha = pixel >> 24
        #expect((127...128).contains(alpha))
        #expect((pixel >> 16) & 0xFF == alpha)  // premultiplied red equals alpha
        #expect(image.pixels[1] == 0)  // untouched pixels stay fully transparent
    }

    @Test func corruptPNGIsAnError() {
        #expect(throws: CairoError.self) { try CairoCanvas.decodePNG([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]) }
    }
}
