import Testing

@testable import Publishing

@Suite struct ContentTypeTests {
    @Test func typesByExtension() {
        #expect(ContentType.of("index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("reports/A Page.HTML") == "text/html; charset=utf-8")
        #expect(ContentType.of("assets/app.3f2a9c1d.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("assets/app.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("charts/map.svg") == "image/svg+xml")
        #expect(ContentType.of("charts/bar.png") == "image/png")
        #expect(ContentType.of("data/a+b.csv") == "text/csv; charset=utf-8")
        #expect(ContentType.of("data/100%.json") == "application/json")
        #expect(ContentType.of("fonts/x.woff2") == "font/woff2")
        #expect(ContentType.of("LICENSE") == "application/octet-stream")
        #expect(ContentType.of(".nojekyll") == "application/octet-stream")
        #expect(ContentType.of("dir.v1/file") == "application/octet-stream")
    }

    @Test func fingerprintedNamesAreImmutable() {
        #expect(CachePolicy.of("assets/app.3f2a9c1d.css") == CachePolicy.immutable)
        #expect(CachePolicy.of("charts/map.0123abcd4567ef89.svg") == CachePolicy.immutable)
        #expect(CachePolicy.of("assets/app.css") == "no-cache")
        #expect(CachePolicy.of("index.html") == "no-cache")
        // A page is never cached long, whatever its name.
        #expect(CachePolicy.of("report.3f2a9c1d.html") == "no-cache")
        // Dates and words are not hashes; upper-case hex is not our fingerprint format.
        #expect(CachePolicy.of("data/claims.20240101.csv") == "no-cache")
        #expect(CachePolicy.of("data/claims.deadbee.csv") == "no-cache")
        #expect(CachePolicy.of("assets/app.3F2A9C1D.css") == "no-cache")
        #expect(CachePolicy.of("assets/3f2a9c1d.css") == "no-cache")
    }
}
