import Curated

/// The long, filterable tables (every drug, every prescriber, every state) in `report.html`:
/// a document to read, print and e-mail shows their first rows and says where the rest is,
/// instead of carrying thousands of rows (the every-drug table alone was most of the file).
enum ReportTables {
    static let marker = "<table data-sortable data-filterable>"

    static func shorten(_ html: String, keep: Int) -> String {
        let text = ByteSearch(html)
        let open = Array(marker.utf8), bodyOpen = Array("<tbody>\n".utf8), bodyClose = Array("</tbody>".utf8)
        let rowClose = Array("</tr>\n".utf8), wrapClose = Array("</table>\n</div>".utf8)
        var out: [UInt8] = []
        var position = 0
        while let start = text.find(open, from: position), let body = text.find(bodyOpen, from: start),
            let bodyEnd = text.find(bodyClose, from: body), let wrapEnd = text.find(wrapClose, from: bodyEnd)
        {
            out.append(contentsOf: text.bytes[position..<start])
            out.append("<table data-sortable>")
            var rows = 0, cut = body + bodyOpen.count, cursor = cut
            while let end = text.find(rowClose, from: cursor), end < bodyEnd {
                rows += 1
                cursor = end + rowClose.count
                if rows == keep { cut = cursor }
            }
            if rows <= keep {
                out.append(contentsOf: text.bytes[(start + open.count)..<(wrapEnd + wrapClose.count)])
            } else {
                out.append(contentsOf: text.bytes[(start + open.count)..<cut])
                out.append(contentsOf: text.bytes[bodyEnd..<(wrapEnd + wrapClose.count)])
                out.append("\n<p class=\"note\">The first \(keep) of \(Format.count(rows)) rows; every row is on the site and in its CSV downloads.</p>")
            }
            position = wrapEnd + wrapClose.count
        }
        out.append(contentsOf: text.bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }
}
