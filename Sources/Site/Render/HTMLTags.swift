/// Tag-level rewriting of the HTML rxpipe itself produced (cmark-gfm output and fragments,
/// where attribute values are escaped, so `>` only ends a tag).
enum HTMLTags {
    /// `html` with every tag (`<…>`) replaced by `transform(tag)`; text between tags is kept.
    static func map(_ html: String, _ transform: (String) -> String) -> String {
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var position = 0
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")),
            let close = bytes[open...].firstIndex(of: UInt8(ascii: ">"))
        {
            out.append(contentsOf: bytes[position..<open])
            out.append(transform(String(decoding: bytes[open...close], as: UTF8.self)))
            position = close + 1
        }
        out.append(contentsOf: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The value range of ` name="…"` in `tag`.
    static func attribute(_ name: String, in tag: String) -> Range<String.Index>? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        guard let end = tag[start.upperBound...].firstIndex(of: "\"") else { return nil }
        return start.upperBound..<end
    }

    /// `tag` without ` name="…"`.
    static func removingAttribute(_ name: String, from tag: String) -> String {
        guard let value = attribute(name, in: tag), let start = tag.range(of: " \(name)=\"") else { return tag }
        return String(tag[..<start.lowerBound]) + tag[tag.index(after: value.upperBound)...]
    }
}
