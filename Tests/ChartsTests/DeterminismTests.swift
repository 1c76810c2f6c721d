import Foundation
import Testing

@testable import Charts

/// Same data, same bytes: for every chart kind, rendered twice in this process and in parallel.
@Suite struct DeterminismTests {
    @Test func sequentialRendersAreByteIdentical() throws {
        let geometry = try TestSupport.geometry()
        let renderer = ChartRenderer()
        for job in Samples.all(geometry) {
            let first = try renderer.render(job)
            let second = try renderer.render(job)
            #expect(first.svg == second.svg, "\(job.name) SVG")
            #expect(first.png == second.png, "\(job.name) PNG")
            #expect(first == second)
        }
    }

    @Test func parallelRendersMatchSequentialOnes() throws {
        let geometry = try TestSupport.geometry()
        let jobs = Samples.all(geometry) + Samples.all(geometry)
        let sequential = try ChartRenderer().renderAllOrThrow(jobs, workers: 1)
        let parallel = try ChartRenderer().renderAllOrThrow(jobs, workers: 4)
        #expect(sequential.map(\.name) == jobs.map(\.name))
        for (a, b) in zip(sequential, parallel) {
            #expect(a.svg == b.svg, "\(a.name) SVG")
            #expect(a.png == b.png, "\(a.name) PNG")
        }
    }

    @Test func svgHasNoProcessDependentIds() throws {
        let rendered = try ChartRenderer().render(ChartJob(name: "line", chart: Samples.line()))
        let svg = TestSupport.svgText(rendered)
        #expect(svg.contains("id=\"surface1\""))
        #expect(!svg.contains("id=\"surface2"))
    }

    @Test func pdfIsDeterministicToo() throws {
        let renderer = ChartRenderer()
        let a = try renderer.draw(Samples.bar(), name: "bar", format: .pdf)
        let b = try renderer.draw(Samples.bar(), name: "bar", format: .pdf)
        #expect(a == b)
    }
}
