/// rxpipe's version: printed by `--version`, written into Parquet `created_by` and manifests.
public enum RxpipeVersion {
    public static let string = "0.1.0"
}
