import Foundation

/// Checks a rendered site the way a link checker and a validator would: every page's tags
/// nest properly, and every internal link, image and script resolves to a file (and, for
/// `#fragment` links, to an element id in it).
struct SiteChecker {
    let files: [String: [UInt8]]

    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    /// Problems found, empty when the site is sound.
    func problems() -> [String] {
        var problems: [String] = []
        var ids: [String: Set<String>] = [:]
        var links: [(page: String, target: String)] = []
        for (path, bytes) in files where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            let (tags, tagProblems) = Self.tags(html)
            problems += tagProblems.map { "\(path): \($0)" }
            var pageIDs = Set<String>()
            for tag in tags {
                if let id = tag.attributes["id"] { pageIDs.insert(id) }
                for key in ["href", "src"] {
                    if let value = tag.attributes[key] { links.append((path, value)) }
                }
            }
            ids[path] = pageIDs
        }
        for (page, target) in links {
            if target.hasPrefix("data:") { continue }
            if target.hasPrefix("http:") || target.hasPrefix("https:") || target.hasPrefix("//") {
                problems.append("\(page): external reference \(target)")
                continue
            }
            let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
            let file = String(parts[0]), fragment = parts.count > 1 ? String(parts[1]) : nil
            let resolved = file.isEmpty ? page : Self.resolve(file, from: page)
            guard let resolved, files[resolved] != nil else {
                problems.append("\(page): broken link \(target)")
                continue
            }
            if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html"), !(ids[resolved]?.contains(fragment) ?? false) {
                problems.append("\(page): link \(target) names a missing anchor")
            }
        }
        return problems
    }

    static func resolve(_ relative: String, from page: String) -> String? {
        var parts = page.split(separator: "/").map(String.init)
        parts.removeLast()
        for component in relative.split(separator: "/") {
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else if component != "." {
                parts.append(String(component))
            }
        }
        return parts.joined(separator: "/")
    }

    struct Tag {
        var name: String
        var closing: Bool
        var attributes: [String: String]
    }

    /// A small HTML tokenizer: enough for rxpipe's output (quoted attributes, no unquoted `>`).
    static func tags(_ html: String) -> ([Tag], [String]) {
        var tags: [Tag] = []
        var problems: [String] = []
        var stack: [String] = []
        let chars = Array(html.unicodeScalars)
        var i = 0
        var rawTextEnd: String? = nil
        while i < chars.count {
            guard chars[i] == "<" else { i += 1; continue }
            if let end = rawTextEnd {
                // Inside <script>/<style>: only the matching end tag counts.
                let rest = String(String.UnicodeScalarView(chars[i..<min(chars.count, i + end.count)]))
                if rest.lowercased() != end { i += 1; continue }
                rawTextEnd = nil
            }
            if chars[i...].starts(with: "<!--".unicodeScalars) {
                while i + 2 < chars.count, !(chars[i] == "-" && chars[i + 1] == "-" && chars[i + 2] == ">") { i += 1 }
                i += 3
                continue
            }
            if i + 1 < chars.count, chars[i + 1] == "!" {
                while i < chars.count, chars[i] != ">" { i += 1 }
                continue
            }
            var j = i + 1
            var quote: Unicode.Scalar? = nil
            while j < chars.count {
                if let q = quote { if chars[j] == q { quote = nil } } else if chars[j] == "\"" || chars[j] == "'" { quote = chars[j] } else if chars[j] == ">" { break }
                j += 1
            }
            guard j < chars.count else { problems.append("unterminated tag"); break }
            let body = String(String.UnicodeScalarView(chars[(i + 1)..<j]))
            i = j + 1
            let closing = body.hasPrefix("/")
            let trimmed = closing ? String(body.dropFirst()) : body
            let name = String(trimmed.prefix { $0.isLetter || $0.isNumber }).lowercased()
            guard !name.isEmpty else { problems.append("bad tag <\(body)>"); continue }
            let tag = Tag(name: name, closing: closing, attributes: attributes(trimmed))
            tags.append(tag)
            if closing {
                guard let top = stack.last else { problems.append("</\(name)> closes nothing"); continue }
                if top == name { stack.removeLast() } else { problems.append("</\(name)> closes <\(top)>") }
            } else if !voidElements.contains(name), !body.hasSuffix("/") {
                stack.append(name)
                if name == "script" || name == "style" { rawTextEnd = "</\(name)" }
            }
        }
        if !stack.isEmpty { problems.append("unclosed: \(stack.joined(separator: ", "))") }
        return (tags, problems)
    }

    static func attributes(_ body: String) -> [String: String] {
        var result: [String: String] = [:]
        let scalars = Array(body.unicodeScalars)
        var i = scalars.firstIndex { $0 == " " } ?? scalars.count
        while i < scalars.count {
            while i < scalars.count, scalars[i] == " " || scalars[i] == "\n" { i += 1 }
            var name = ""
            while i < scalars.count, scalars[i] != "=", scalars[i] != " ", scalars[i] != "/" { name.unicodeScalars.append(scalars[i]); i += 1 }
            var value = ""
            if i < scalars.count, scalars[i] == "=" {
                i += 1
                if i < scalars.count, scalars[i] == "\"" || scalars[i] == "'" {
                    let q = scalars[i]
                    i += 1
                    while i < scalars.count, scalars[i] != q { value.unicodeScalars.append(scalars[i]); i += 1 }
                    i += 1
                } else {
                    while i < scalars.count, scalars[i] != " " { value.unicodeScalars.append(scalars[i]); i += 1 }
                }
            } else {
                i += 1
            }
            if !name.isEmpty { result[name.lowercased()] = value.replacingOccurrences(of: "&amp;", with: "&") }
        }
        return result
    }
}
