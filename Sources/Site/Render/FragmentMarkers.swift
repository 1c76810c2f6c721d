/// Fragments travel through Mustache and cmark-gfm as markers made of private-use characters,
/// which `MarkdownEscaping` and `HTMLEscaping` never let data produce; after Markdown is
/// turned into HTML each marker is replaced by its fragment's HTML.
enum FragmentMarkers {
    static let open = "\u{E000}"
    static let close = "\u{E001}"

    static func marker(_ index: Int) -> String { "\(open)\(index)\(close)" }

    /// Replaces markers in `html`: a marker alone in a paragraph replaces the paragraph.
    static func substitute(_ html: String, fragments: [String]) -> String {
        let text = ByteSearch(html)
        let openBytes = Array(open.utf8), closeBytes = Array(close.utf8)
        let pOpen = Array("<p>".utf8), pClose = Array("</p>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.bytes.count + fragments.reduce(0) { $0 + $1.utf8.count })
        var position = 0
        while let start = text.find(openBytes, from: position) {
            guard let end = text.find(closeBytes, from: start + openBytes.count),
                let index = Int(text.string(start + openBytes.count..<end)), index >= 0, index < fragments.count
            else {
                out.append(contentsOf: text.bytes[position..<(start + openBytes.count)])
                position = start + openBytes.count
                continue
            }
            var prefixEnd = start
            var resume = end + closeBytes.count
            if text.hasPrefix(pOpen, at: start - pOpen.count), text.hasPrefix(pClose, at: resume) {
                prefixEnd -= pOpen.count
                resume += pClose.count
            }
            out.append(contentsOf: text.bytes[position..<max(position, prefixEnd)])
            out.append(fragments[index])
            position = resume
        }
        out.append(contentsOf: text.bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
