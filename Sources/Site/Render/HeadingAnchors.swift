/// Gives every `<h2>`–`<h4>` an `id` made from its text, so sections can be linked
/// (methodology definitions, the table of contents). Ids are unique within the page.
enum HeadingAnchors {
    static func add(_ html: String) -> String {
        let text = ByteSearch(html)
        var registry = SlugRegistry()
        var out: [UInt8] = []
        out.reserveCapacity(text.bytes.count + 512)
        var position = 0
        let open = Array("<h".utf8)
        while let start = text.find(open, from: position) {
            let levelIndex = start + 2
            guard levelIndex + 1 < text.bytes.count, (UInt8(ascii: "2")...UInt8(ascii: "4")).contains(text.bytes[levelIndex]),
                text.bytes[levelIndex + 1] == UInt8(ascii: ">"),
                let close = text.find(Array("</h\(Character(UnicodeScalar(text.bytes[levelIndex])))>".utf8), from: levelIndex + 2)
            else {
                out.append(contentsOf: text.bytes[position..<(start + 2)])
                position = start + 2
                continue
            }
            let level = Character(UnicodeScalar(text.bytes[levelIndex]))
            let inner = text.string(levelIndex + 2..<close)
            out.append(contentsOf: text.bytes[position..<start])
            out.append("<h\(level) id=\"\(registry.slug(for: plainText(inner)))\">\(inner)</h\(level)>")
            position = close + 5
        }
        out.append(contentsOf: text.bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The text of an HTML fragment with tags removed and the basic entities decoded.
    static func plainText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { text.append(ch) }
        }
        if !text.contains("&") { return text }
        var decoded = ""
        var rest = Substring(text)
        let entities = ["&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'"]
        while let amp = rest.firstIndex(of: "&") {
            decoded += rest[..<amp]
            let tail = rest[amp...]
            if let (entity, value) = entities.first(where: { tail.hasPrefix($0.key) }) {
                decoded += value
                rest = tail.dropFirst(entity.count)
            } else {
                decoded += "&"
                rest = tail.dropFirst()
            }
        }
        return decoded + rest
    }
}
