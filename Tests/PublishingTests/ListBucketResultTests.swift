import Foundation
import Testing

@testable import Publishing

@Suite struct ListBucketResultTests {
    @Test func readsKeysETagsAndContinuation() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>p/</Prefix>
            <Contents><Key>p/a &amp; b &lt;1&gt;.html</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>
            <ETag>&quot;9DD4E461268C8034F5C8564E155C67A6&quot;</ETag><Size>1</Size></Contents>
            <Contents><Key>p/état ü+%.csv</Key><ETag>"d41d8cd98f00b204e9800998ecf8427e"</ETag></Contents>
            <IsTruncated>true</IsTruncated><NextContinuationToken>1/a+b==</NextContinuationToken></ListBucketResult>
            """
        let page = try ListBucketResult.parse(Data(xml.utf8))
        #expect(page.objects == [
            .init(key: "p/a & b <1>.html", etag: "9dd4e461268c8034f5c8564e155c67a6"),
            .init(key: "p/état ü+%.csv", etag: "d41d8cd98f00b204e9800998ecf8427e"),
        ])
        #expect(page.isTruncated)
        #expect(page.nextContinuationToken == "1/a+b==")
    }

    @Test func malformedXMLIsAnError() {
        #expect(throws: PublishError.self) { try ListBucketResult.parse(Data("<ListBucketResult><Contents>".utf8)) }
    }
}
