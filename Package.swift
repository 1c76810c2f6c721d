// swift-tools-version:6.0
import PackageDescription

/// `-static-stdlib` plus Foundation's static archives and their C dependencies, which the
/// linker is not told about when the modules were compiled against the shared Foundation.
let staticFoundation = [
    "-static-stdlib", "-Xlinker", "--start-group",
    "-lFoundationXML", "-lFoundationNetworking", "-lFoundation", "-lFoundationInternationalization",
    "-lFoundationEssentials", "-l_FoundationCollections", "-l_FoundationCShims", "-lCoreFoundation",
    "-l_CFXMLInterface", "-l_CFURLSessionInterface", "-l_FoundationICU",
    // Foundation's locks use Synchronization.Mutex; named here since rxpipe's own code no longer does.
    "-lswiftSynchronization",
    "-Xlinker", "--end-group", "-lxml2", "-lcurl",
]

/// rxpipe: CMS Medicare Part D prescribing data → Parquet lake → static report site.
///
/// Dependency arrows: rxpipe (CLI) → Pipeline → stages (Ingestion, Site, …) → Lake/Codecs/Charts → C wrappers.
/// Only the wrapper files import a C module.
let package = Package(
    name: "rxpipe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rxpipe", targets: ["rxpipe"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Page templates: Mustache tags in Markdown, with a Markdown content type for escaping.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // MARK: System libraries (pkg-config names, shim headers, no absolute paths)
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Whole-buffer gzip for the site's large downloads: libdeflate is 2.3× faster than zlib
        // there and 3 % smaller (DeflateGzip).
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // SHA-256, HMAC-SHA256 and MD5 from the system's OpenSSL (see Sources/Digests).
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // renameat2(RENAME_EXCHANGE) is not visible to Swift through Glibc; a four-line C shim.
        .target(name: "CFileSwap"),

        // MARK: Libraries
        .target(
            name: "RxCore",
            dependencies: [
                "CFileSwap",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .target(name: "Codecs", dependencies: ["CZstd", "CZlib", "CDeflate"]),
        // Content hashes, fingerprints, pseudonym HMACs and S3 signatures.
        .target(name: "Digests", dependencies: ["CCrypto"]),
        // The disclosure policy: what may reach a reader (small counts, CMS flags, identities).
        .target(name: "Disclosure"),
        // An independent scan of a rendered site against the lake for anything the policy forbids.
        .target(name: "SiteAudit", dependencies: ["Codecs", "Lake", "RxCore"]),
        .target(name: "Ingestion", dependencies: ["RxCore", "Codecs", "Lake", "CLibPQ"]),
        .target(name: "Charts", dependencies: ["CCairo", "Codecs", "RxCore"]),
        // The default templates, static assets and map geometry compiled into the binary (see
        // Plugins/EmbedDefaults): an installed rxpipe needs no files beside it.
        .target(name: "EmbeddedDefaults", plugins: ["EmbedDefaults"]),
        .executableTarget(name: "EmbedDefaultsTool"),
        .plugin(name: "EmbedDefaults", capability: .buildTool(), dependencies: ["EmbedDefaultsTool"]),
        // The curated zone as its readers see it: whole-table rows, the labels people read, the
        // movers' base, and the verdict stored beside the data (gates, data-version history).
        .target(name: "Curated", dependencies: ["Lake", "RxCore"]),
        .target(
            name: "Site",
            dependencies: [
                "CCmarkGFM", "Charts", "Cleansing", "Codecs", "Curated", "Digests", "Disclosure", "EmbeddedDefaults", "Lake", "Profiling", "RxCore",
                .product(name: "Mustache", package: "swift-mustache"),
            ]),
        // rxpipe run: stage orchestration, run records, quality gates, diff between runs.
        .target(
            name: "Runs",
            dependencies: ["Charts", "Cleansing", "Curated", "Lake", "RxCore", "Digests"]),
        // The pipeline: the Stage contract, the five stages' wiring, the runner and `rxpipe run`;
        // the CLI and every single-stage command call it.
        .target(
            name: "Pipeline",
            dependencies: [
                "Cleansing", "Curated", "Digests", "Disclosure", "Ingestion", "Lake", "Profiling", "Runs", "RxCore", "Site", "SiteAudit", "Transformation",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Cleansing",
            dependencies: ["Lake", "RxCore", "Digests"]),
        // Ships a rendered site to a directory (atomic exchange), an S3 bucket (SigV4) or a git branch.
        .target(name: "Publishing", dependencies: ["RxCore", "Digests"]),
        // A lake on S3 (`[lake] root = "s3://…"`), worked on through a local copy: pull by manifest, push in commit order.
        .target(name: "LakeMirror", dependencies: ["Lake", "Publishing", "RxCore", "Digests"]),
        // rxpipe fetch: the CMS files named in a data.json catalog, resumable, conditional, placed atomically.
        .target(name: "Fetching", dependencies: ["Digests"]),
        .target(
            name: "Lake",
            dependencies: ["Codecs", "RxCore", "Digests"]),
        // Operators over Lake's column vectors: filter, hash aggregate, hash join, sort, top-k.
        .target(name: "Columnar", dependencies: ["Lake", "RxCore"]),
        .target(name: "Transformation", dependencies: ["Columnar", "Curated", "Lake", "RxCore"]),
        .target(name: "Profiling", dependencies: ["Disclosure", "Lake", "RxCore"]),

        // MARK: Executable (argument parsing and wiring only)
        .executableTarget(
            name: "rxpipe",
            dependencies: [
                "RxCore", "Curated", "Ingestion", "Lake", "Pipeline", "Site", "SiteAudit", "Runs", "Cleansing", "Transformation", "Profiling", "Publishing", "LakeMirror", "Fetching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // Release builds link the Swift runtime and Foundation statically: start-up drops
            // from ~30 to ~15 ms of CPU (the dynamic loader no longer relocates the Swift
            // libraries), which every short command and the read benchmark pay. Link step only
            // (the modules compile the same), so `swift build -c release` stays one command;
            // libcurl and libxml2 (-dev, from scripts/setup.sh) back FoundationNetworking/XML.
            linkerSettings: [.unsafeFlags(staticFoundation, .when(configuration: .release))]),

        // MARK: Tests
        .testTarget(name: "RxCoreTests", dependencies: ["RxCore"]),
        .testTarget(name: "CodecsTests", dependencies: ["Codecs"]),
        .testTarget(name: "DigestsTests", dependencies: ["Digests"]),
        // Starts a throwaway PostgreSQL server for the tests that need one.
        .target(name: "PGTestSupport", dependencies: ["Ingestion", "RxCore"], path: "Tests/PGTestSupport"),
        .testTarget(name: "IngestionTests", dependencies: ["Ingestion", "RxCore", "Codecs", "Lake", "PGTestSupport"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["Golden"]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Curated", "Lake", "Charts", "RxCore", "EmbeddedDefaults"]),
        .testTarget(name: "DisclosureTests", dependencies: ["Disclosure"]),
        .testTarget(name: "SiteAuditTests", dependencies: ["SiteAudit", "Lake", "Codecs"]),
        // Runs the built `rxpipe` binary: exit codes, messages, help text.
        .testTarget(name: "CLITests", dependencies: ["rxpipe", "PGTestSupport", "Ingestion"]),
        .testTarget(name: "RunsTests", dependencies: ["Runs", "Curated", "Lake", "RxCore"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "Runs", "RxCore", "Ingestion", "Lake"]),
        .testTarget(name: "LakeTests", dependencies: ["Lake", "Codecs", "RxCore"]),
        .testTarget(
            name: "CleansingTests", dependencies: ["Cleansing", "Codecs", "Lake", "RxCore", "Ingestion", "PGTestSupport", "Transformation"]),
        .testTarget(name: "ColumnarTests", dependencies: ["Columnar", "Lake"]),
        .testTarget(name: "TransformationTests", dependencies: ["Transformation", "Columnar", "Lake", "RxCore"]),
        .testTarget(name: "ProfilingTests", dependencies: ["Profiling", "Disclosure", "Lake"]),
        .testTarget(name: "PublishingTests", dependencies: ["Publishing", "LakeMirror", "Lake", "Digests"], exclude: ["Fixtures"]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching"]),
    ]
)

/// `make test` builds once for both test layers with RXPIPE_OPTIMIZED_TESTS=1: rxpipe's own
/// library and executable targets compile with -O (and stay testable), the test targets do not.
/// The oracles then drive a binary about eight times faster than a plain debug build (the
/// sample's run: 3.0 s against 27.8 s); a fresh build takes 300–320 s on two cores against 150 s
/// for a plain debug build. A plain `swift build` is unaffected.
if Context.environment["RXPIPE_OPTIMIZED_TESTS"] == "1" {
    for target in package.targets where target.type == .regular || target.type == .executable {
        target.swiftSettings = (target.swiftSettings ?? []) + [.unsafeFlags(["-O"], .when(configuration: .debug))]
    }
}
