import Testing

@testable import RxCore

@Suite struct VersionTests {
    @Test func versionIsSemantic() {
        #expect(RxpipeVersion.string.split(separator: ".").count == 3)
    }
}
