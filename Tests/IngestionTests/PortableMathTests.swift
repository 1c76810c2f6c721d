import Foundation
import Testing

@testable import Ingestion

@Suite struct PortableMathTests {
    @Test func expMatchesLibmClosely() {
        for step in -4000...4000 {
            let x = Double(step) / 100
            let relative = abs(PortableMath.exp(x) - Foundation.exp(x)) / Foundation.exp(x)
            #expect(relative < 1e-14, "exp(\(x))")
        }
    }

    @Test func logMatchesLibmClosely() {
        var x = 1e-12
        while x < 1e12 {
            #expect(abs(PortableMath.log(x) - Foundation.log(x)) <= 1e-14 * max(1, abs(Foundation.log(x))), "log(\(x))")
            x *= 1.37
        }
        #expect(PortableMath.log(1) == 0)
    }

    @Test func randomStreamsAreReproducibleAndIndependent() {
        var a = SampleRandom(seed: 42, stream: 1, index: 5), b = SampleRandom(seed: 42, stream: 1, index: 5)
        var c = SampleRandom(seed: 42, stream: 1, index: 6)
        let first = (0..<100).map { _ in a.next() }
        #expect(first == (0..<100).map { _ in b.next() })
        #expect(first != (0..<100).map { _ in c.next() })
        var normals = SampleRandom(seed: 1)
        let draws = (0..<20_000).map { _ in normals.normal() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05)
    }
}
