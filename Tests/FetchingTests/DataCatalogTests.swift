import Foundation
import Testing

@testable import Fetching

@Suite struct DataCatalogTests {
    /// Two years as data.cms.gov/data.json lists them (API distribution first, newest first).
    let catalog = """
        {"@type":"dcat:Catalog","dataset":[
         {"title":"Medicare Part D Prescribers - by Provider","distribution":[]},
         {"title":"Medicare Part D Prescribers - by Provider and Drug","distribution":[
          {"format":"API","accessURL":"https://data.cms.gov/data-api/v1/dataset/9552739e-3d05-4c1b-8eff-ecabf391e2e5/data","description":"latest","temporal":"2023-01-01/2023-12-31"},
          {"downloadURL":"https://data.cms.gov/sites/default/files/2025-04/0d5915ce-002c-4d87-bde8-24ffb08bb6cc/MUP_DPR_RY25_P04_V10_DY23_NPIBN.csv","mediaType":"text/csv","format":"CSV","temporal":"2023-01-01/2023-12-31"},
          {"downloadURL":"https://data.cms.gov/sites/default/files/2024-05/18f82097-61a6-4889-9941-9a0b6ad7523c/MUP_DPR_RY24_P04_V10_DY22_NPIBN.csv","mediaType":"text/csv","format":"CSV","temporal":"2022-01-01/2022-12-31",
           "checksum":{"algorithm":"SHA-256","checksumValue":"\(String(repeating: "AB", count: 32))"}},
          {"downloadURL":"https://data.cms.gov/old/MUP_DPR_RY23_P04_V10_DY22_NPIBN.csv","mediaType":"text/csv","temporal":"2022-01-01/2022-12-31"},
          {"downloadURL":"https://mirror.example/partd-2021.csv","mediaType":"text/csv","temporal":"2021-01-01/2021-12-31"}
         ]}]}
        """

    @Test func listsOneCSVPerYearNewestFirst() throws {
        let files = try DataCatalog.files(
            in: Data(catalog.utf8), dataset: "Medicare Part D Prescribers – by Provider and Drug", catalogURL: "https://data.cms.gov/data.json")
        #expect(files.map(\.year) == [2023, 2022, 2021])
        #expect(files[0].fileName == "MUP_DPR_RY25_P04_V10_DY23_NPIBN.csv")
        // The first listed distribution of a year wins (CMS lists the newest release first).
        #expect(files[1].url.absoluteString.contains("2024-05/18f82097"))
        #expect(files[1].checksum == .init(algorithm: "sha256", value: String(repeating: "ab", count: 32)))
        #expect(files[0].checksum == nil)
        // A name without the year gets `_DYyy` so ingest can tell it.
        #expect(files[2].fileName == "partd-2021_DY21.csv")
    }

    @Test func unknownDatasetNamesTheCatalog() {
        #expect(throws: FetchError.self) {
            try DataCatalog.files(in: Data(catalog.utf8), dataset: "Nope", catalogURL: "https://u:p@data.cms.gov/data.json?k=1")
        }
        do {
            _ = try DataCatalog.files(in: Data("[]".utf8), dataset: "x", catalogURL: "https://data.cms.gov/data.json")
        } catch let error as FetchError {
            #expect(error == FetchError.badCatalog(url: "https://data.cms.gov/data.json", reason: "not a data.json catalog (no \"dataset\" list)"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func loggableURLDropsSecrets() {
        #expect(LoggableURL.text("https://reader:s3cret@host.example:8443/a/b.csv?token=t0ken#x") == "https://host.example:8443/a/b.csv?…")
        #expect(LoggableURL.text("http://127.0.0.1:9/data.json") == "http://127.0.0.1:9/data.json")
    }

    @Test func backoffDoublesAndHonoursRetryAfter() {
        let policy = FetchPolicy(attempts: 5, retryDelay: 0.5, timeout: 10)
        #expect(policy.delay(beforeRetry: 0, retryAfter: nil) == 0.5)
        #expect(policy.delay(beforeRetry: 2, retryAfter: nil) == 2)
        #expect(policy.delay(beforeRetry: 20, retryAfter: nil) == 60)
        #expect(policy.delay(beforeRetry: 0, retryAfter: "3") == 3)
        #expect(FetchPolicy.isRetryable(status: 503) && FetchPolicy.isRetryable(status: 429) && !FetchPolicy.isRetryable(status: 404))
    }
}
