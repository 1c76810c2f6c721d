/// Prints the effective configuration as TOML that rxpipe would read back, with each key's
/// origin as a comment and secrets redacted.
public enum ConfigPrinter {
    public static func toml(_ config: RxpipeConfig) -> String {
        var lines: [String] = []
        lines.append("# effective rxpipe configuration")
        lines.append("# file: \(config.file ?? "none (embedded defaults)")")
        var currentSection = ""
        for entry in config.entries {
            if entry.key.section != currentSection {
                currentSection = entry.key.section
                lines.append("")
                lines.append("[\(currentSection)]")
            }
            let key = ConfigSchema.key(section: entry.key.section, name: entry.key.name)!
            let origin = "# \(entry.origin)"
            switch entry.value {
            case .unset:
                lines.append("# \(key.name) = (unset)  # \(key.help)")
            default:
                lines.append("\(key.name) = \(literal(entry.value, secret: key.mayHoldSecret))  \(origin)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func literal(_ value: ConfigValue, secret: Bool) -> String {
        switch value {
        case .string(let text): return quoted(secret ? ConnectionString.redacted(text) : text)
        case .integer(let number): return String(number)
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(format1: number) : "\(number)"
        case .boolean(let flag): return flag ? "true" : "false"
        case .integerList(let numbers): return "[" + numbers.map(String.init).joined(separator: ", ") + "]"
        case .stringList(let texts): return "[" + texts.map { quoted($0) }.joined(separator: ", ") + "]"
        case .unset: return "\"\""
        }
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}

extension String {
    /// `1.0`-style rendering of a whole number stored as a double, as TOML floats require.
    init(format1 number: Double) { self = "\(Int(number)).0" }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
