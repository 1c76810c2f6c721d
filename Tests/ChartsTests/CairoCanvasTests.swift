import Foundation
import Testing

@testable import Charts

@Suite struct CairoCanvasTests {
    func drawSample(_ format: CanvasFormat) throws -> [UInt8] {
        let canvas = try CairoCanvas(format: format, width: 320, height: 200)
        canvas.fillRectangle(x: 0, y: 0, width: 320, height: 200, color: RGBA(hex: 0xFFFFFF))
        canvas.fillRectangle(x: 20, y: 40, width: 200, height: 30, color: RGBA(hex: 0x2B6CB0))
        canvas.setFont(size: 12)
        canvas.drawText("Mayagüez <&> \"quoted\"", x: 20, y: 30, color: RGBA(hex: 0x1A202C))
        return try canvas.render()
    }

    @Test func drawsAPNGOfTheExpectedPixelSize() throws {
        let png = try drawSample(.png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR width and height, big-endian, at bytes 16..<24: 2× the point size.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 640 && height == 400)
    }

    @Test func drawsAnSVGOfTheExpectedSize() throws {
        let svg = String(decoding: try drawSample(.svg), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.contains("width=\"320pt\""))
        #expect(svg.contains("height=\"200pt\""))
        #expect(svg.contains("viewBox=\"0 0 320 200\""))
    }

    @Test func svgAndPDFAreDeterministicWithinAProcess() throws {
        #expect(try drawSample(.svg) == drawSample(.svg))
        #expect(try drawSample(.pdf) == drawSample(.pdf))
        #expect(try drawSample(.png) == drawSample(.png))
        let pdf = try drawSample(.pdf)
        #expect(String(decoding: pdf.prefix(5), as: UTF8.self) == "%PDF-")
    }
}
