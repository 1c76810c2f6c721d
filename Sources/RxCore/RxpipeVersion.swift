/// rxpipe's version: printed by `--version`, written into Parquet `created_by` and manifests, and
/// part of every stage fingerprint, so a lake written by an older version (money as double,
/// profile schema 1) is rebuilt by the next run.
public enum RxpipeVersion {
    public static let string = "0.2.0"
}
