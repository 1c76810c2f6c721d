/// Recognises and hides passwords in libpq connection strings, in both of libpq's forms:
/// `postgres://user:secret@host/db` URIs and `key=value` strings (`password=secret`).
public enum ConnectionString {
    /// True when `text` carries a password.
    public static func containsPassword(_ text: String) -> Bool { redacted(text) != text }

    /// `text` with any password replaced by `***`; safe for logs, errors and manifests.
    public static func redacted(_ text: String) -> String {
        var result = text
        if let scheme = result.range(of: "://") {
            let authorityStart = scheme.upperBound
            let authorityEnd = result[authorityStart...].firstIndex(where: { $0 == "/" || $0 == "?" }) ?? result.endIndex
            if let at = result[authorityStart..<authorityEnd].lastIndex(of: "@"),
                let colon = result[authorityStart..<at].firstIndex(of: ":")
            {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        // Query parameters of a URI and key=value pairs share the same shape.
        return redactingPasswordPairs(result)
    }

    private static func redactingPasswordPairs(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let range = rest.range(of: "password", options: [.caseInsensitive]) {
            output += rest[..<range.upperBound]
            var tail = rest[range.upperBound...]
            let spaces = tail.prefix(while: { $0 == " " })
            tail = tail.dropFirst(spaces.count)
            guard tail.first == "=" else {
                rest = rest[range.upperBound...]
                continue
            }
            output += spaces + "="
            tail = tail.dropFirst()
            let leading = tail.prefix(while: { $0 == " " })
            output += leading
            tail = tail.dropFirst(leading.count)
            if tail.first == "'" {
                // Quoted value: skip to the closing quote (backslash escapes allowed).
                var index = tail.index(after: tail.startIndex)
                while index < tail.endIndex && tail[index] != "'" {
                    if tail[index] == "\\" { index = tail.index(after: index) }
                    if index < tail.endIndex { index = tail.index(after: index) }
                }
                tail = index < tail.endIndex ? tail[tail.index(after: index)...] : tail[tail.endIndex...]
            } else {
                // Unquoted value: libpq lets a backslash escape the next character (`Sec\ ret`,
                // `it\'s`), so the value ends at the first unescaped space or `&`.
                var index = tail.startIndex
                while index < tail.endIndex && tail[index] != " " && tail[index] != "&" {
                    if tail[index] == "\\" { index = tail.index(after: index) }
                    if index < tail.endIndex { index = tail.index(after: index) }
                }
                tail = tail[index...]
            }
            output += "***"
            rest = tail
        }
        return output + rest
    }
}
