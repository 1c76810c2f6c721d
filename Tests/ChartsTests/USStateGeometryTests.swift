import Foundation
import Testing

@testable import Charts

@Suite struct USStateGeometryTests {
    @Test func loadsFiftyStatesDCAndPuertoRico() throws {
        let geometry = try TestSupport.geometry()
        #expect(geometry.width == 975 && geometry.height == 610)
        #expect(geometry.states.count == 52)
        #expect(geometry.state("DC")?.name == "District of Columbia")
        #expect(geometry.state("PR")?.fips == "72")
        #expect(Set(geometry.states.map(\.postal)).count == 52)
    }

    @Test func labelPointsLieInsideTheirState() throws {
        let geometry = try TestSupport.geometry()
        for state in geometry.states {
            let largest = state.polygons.max { abs(GeometryMath.area($0[0])) < abs(GeometryMath.area($1[0])) }![0]
            let runs = GeometryMath.interiorRuns(largest, y: state.labelPoint.y)
            #expect(runs.contains { $0.0 <= state.labelPoint.x && state.labelPoint.x <= $0.1 }, "\(state.postal)")
        }
    }

    @Test func isDecodedOnceAndCached() throws {
        let a = try USStateGeometry.load(from: TestSupport.geometryURL)
        let b = try USStateGeometry.load(from: TestSupport.geometryURL)
        #expect(a.states.count == b.states.count)
        // The cache is keyed by the standardised path: a path with "." resolves to the same copy.
        let dotted = TestSupport.repositoryRoot.appendingPathComponent("./assets/us-states-albers.json")
        #expect(try USStateGeometry.load(from: dotted).states.count == 52)
    }

    @Test func missingFileNamesThePath() {
        let url = URL(fileURLWithPath: "/nonexistent/us-states-albers.json")
        #expect {
            try USStateGeometry.load(from: url)
        } throws: { error in
            guard case ChartError.geometry(let path, let reason) = error else { return false }
            return path == "/nonexistent/us-states-albers.json" && reason.hasPrefix("cannot read the file")
        }
    }

    @Test func malformedFilesAreReported() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rxpipe-geometry-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String)] = [
            ("{not json", "not valid JSON"),
            ("{\"width\":975,\"height\":610}", "missing key \"states\""),
            ("{\"width\":975,\"height\":610,\"states\":[{\"fips\":\"01\",\"postal\":\"AL\",\"name\":\"Alabama\",\"polygons\":[[[[1],[2,3],[4,5],[1,2]]]]}]}", "state AL has a point that is not an [x, y] pair"),
            ("{\"width\":975,\"height\":610,\"states\":[]}", "no states"),
        ]
        for (index, (content, expected)) in cases.enumerated() {
            let url = directory.appendingPathComponent("bad\(index).json")
            try Data(content.utf8).write(to: url)
            #expect {
                try USStateGeometry.load(from: url)
            } throws: { error in
                guard case ChartError.geometry(_, let reason) = error else { return false }
                return reason.contains(expected)
            }
        }
    }

    @Test func errorMessageSaysWhatToDo() {
        let error = ChartError.geometry(path: "assets/x.json", reason: "no states")
        #expect(error.description == "charts: cannot load state geometry assets/x.json: no states (expected the us-states-albers.json shipped in assets/)")
    }
}
