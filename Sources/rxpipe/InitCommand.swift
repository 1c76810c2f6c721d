import ArgumentParser
import Foundation
import Site

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write an editable copy of the built-in templates and a commented rxpipe.toml.",
        discussion: """
            Writes DIR/templates/ (every page template, layout.html and static/site.css, site.js,
            exactly as built into rxpipe) and DIR/rxpipe.toml (every configuration key with its
            description, commented out at its default). Run rxpipe in DIR and the site is built
            from those templates; a template you delete falls back to the built-in one.
            Existing files are left alone unless --force. See docs/templates.md.

            Examples:
              rxpipe init
              rxpipe init my-site
              rxpipe init my-site --force
            """)

    @Argument(help: "Folder to write into (created if missing).")
    var directory = "."

    @Flag(help: "Overwrite files that exist.")
    var force = false

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try reportingErrors {
            _ = global.startLogging("rxpipe.init")
            let written = try ProjectInit(directory: directory).write(force: force)
            let prefix = directory == "." ? "" : directory + "/"
            for path in written { print("wrote\t\(prefix)\(path)") }
            let cd = directory == "." ? "" : "cd \(directory) && "
            print("""
                next: edit \(prefix)rxpipe.toml ([source] path) and \(prefix)templates/, then run
                  \(cd)rxpipe run
                or try it on sample data first:
                  \(cd)rxpipe sample --out local_data/raw && rxpipe run
                """)
        }
    }
}
