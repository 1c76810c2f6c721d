import Testing

@testable import Charts

@Suite struct SquarifyTests {
    @Test func cellsTileTheRectangleWithProportionalAreas() {
        let values: [Double] = [6, 6, 4, 3, 2, 2, 1]
        let rect = Rect(x: 10, y: 20, width: 600, height: 400)
        let cells = Squarify.layout(values, in: rect)
        #expect(cells.count == values.count)
        let total = values.reduce(0, +)
        for (value, cell) in zip(values, cells) {
            #expect(abs(cell.width * cell.height - value / total * rect.width * rect.height) < 1e-6)
            #expect(cell.x >= rect.x - 1e-9 && cell.maxX <= rect.maxX + 1e-9)
            #expect(cell.y >= rect.y - 1e-9 && cell.maxY <= rect.maxY + 1e-9)
        }
        // Squarified cells stay reasonably square.
        let worst = cells.map { max($0.width / $0.height, $0.height / $0.width) }.max()!
        #expect(worst < 3)
    }

    @Test func degenerateInput() {
        #expect(Squarify.layout([], in: Rect(x: 0, y: 0, width: 10, height: 10)).isEmpty)
        #expect(Squarify.layout([1], in: Rect(x: 0, y: 0, width: 0, height: 10)).count == 1)
    }
}
