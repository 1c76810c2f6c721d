import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One page of a ListObjectsV2 answer.
struct ListBucketResult: Equatable {
    struct Object: Equatable {
        let key: String
        /// Without the surrounding quotes, lower case.
        let etag: String
    }

    var objects: [Object] = []
    var isTruncated = false
    var nextContinuationToken: String?

    static func parse(_ data: Data) throws -> ListBucketResult {
        let delegate = ListBucketParser()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw PublishError.s3Response(
                operation: "ListObjectsV2", reason: "malformed XML (\(parser.parserError?.localizedDescription ?? "unknown"))")
        }
        // FoundationXML on Linux accepts a document cut short; only a closed root counts.
        guard delegate.closedRoot else {
            throw PublishError.s3Response(operation: "ListObjectsV2", reason: "the answer is not a complete ListBucketResult")
        }
        return delegate.result
    }
}

/// Collects Contents/Key, Contents/ETag, IsTruncated and NextContinuationToken.
private final class ListBucketParser: NSObject, XMLParserDelegate {
    var result = ListBucketResult()
    private(set) var closedRoot = false
    private var path: [String] = []
    private var text = ""
    private var key: String?
    private var etag: String?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        path.append(elementName)
        text = ""
        if elementName == "Contents" {
            key = nil
            etag = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let parent = path.count >= 2 ? path[path.count - 2] : ""
        switch (parent, elementName) {
        case ("Contents", "Key"): key = text
        case ("Contents", "ETag"): etag = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
        case (_, "Contents"):
            if let key { result.objects.append(.init(key: key, etag: etag ?? "")) }
        case ("ListBucketResult", "IsTruncated"): result.isTruncated = text == "true"
        case ("ListBucketResult", "NextContinuationToken"): result.nextContinuationToken = text
        case ("", "ListBucketResult"): closedRoot = true
        default: break
        }
        path.removeLast()
        text = ""
    }
}
