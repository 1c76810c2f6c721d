/// A starting `rxpipe.toml` written from `ConfigSchema` (`rxpipe init`): every section and key
/// with its description, each key commented out at its default, so the file changes nothing
/// until a line is uncommented and edited.
public enum ConfigTemplate {
    public static func toml() -> String {
        var lines = [
            "# rxpipe configuration, written by `rxpipe init`.",
            "# Every key is shown at its default, commented out: uncomment a line to change it.",
            "# RXPIPE_<SECTION>_<KEY> environment variables override this file; `rxpipe config`",
            "# prints the effective values and where each came from.",
        ]
        for section in ConfigSchema.sections {
            lines += ["", "[\(section)]"]
            for key in ConfigSchema.keys(in: section) {
                lines.append("")
                lines += wrapped(key.help + (key.choices.isEmpty ? "" : " (one of: \(key.choices.joined(separator: ", ")))"))
                if key.defaultValue == .unset {
                    lines.append("# \(key.name) = \(example(key.type))   # unset by default")
                } else {
                    lines.append("# \(key.name) = \(ConfigPrinter.literal(key.defaultValue, secret: false))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension ConfigTemplate {
    /// `text` as `# ` comment lines of at most about 96 characters.
    static func wrapped(_ text: String) -> [String] {
        var lines: [String] = []
        var line = "#"
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > 96, line != "#" {
                lines.append(line)
                line = "#"
            }
            line += " " + word
        }
        lines.append(line)
        return lines
    }

    /// A placeholder of the key's type for a key with no default.
    static func example(_ type: ConfigValueType) -> String {
        switch type {
        case .string: return "\"\""
        case .integer: return "0"
        case .number: return "0.0"
        case .boolean: return "false"
        case .integerList, .stringList: return "[]"
        }
    }
}
