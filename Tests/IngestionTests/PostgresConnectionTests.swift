import Testing

@testable import Ingestion

@Suite struct PostgresConnectionTests {
    @Test func refusedConnectionIsATypedErrorNamingTheEndpoint() throws {
        // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
        do {
            _ = try PostgresConnection("postgres://rx:s3cret-pw@127.0.0.1:1/lake?connect_timeout=2")
            Issue.record("connected to a port where nothing listens")
        } catch let error as PostgresError {
            guard case .connectionFailed(let endpoint, let reason, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(endpoint.host == "127.0.0.1")
            #expect(endpoint.port == "1")
            #expect(endpoint.database == "lake")
            #expect(reason.contains("refused"))
            #expect(!error.description.contains("s3cret-pw"))
            #expect(error.description.contains("host 127.0.0.1, port 1, database lake"))
        }
    }

    @Test func malformedConnectionStringIsRejectedBeforeConnecting() {
        #expect(throws: PostgresError.self) { try PostgresConnection("host=localhost port") }
    }
}
