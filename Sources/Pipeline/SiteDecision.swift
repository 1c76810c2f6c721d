/// Whether a run renders its site or keeps the one already there. A pure function of the
/// run's verdict, tested on its own.
public enum SiteDecision: Equatable, Sendable {
    case render
    /// The site of an earlier run stays; `reason` is logged and recorded as render's outcome.
    case keepPrevious(reason: String)

    /// An empty source never replaces a site (an empty report helps no one); a failed gate
    /// replaces it, with the failure's banner, unless `--no-publish-on-gate-failure`.
    public static func decide(gatesPassed: Bool, sourceEmpty: Bool, publishOnGateFailure: Bool) -> SiteDecision {
        if gatesPassed { return .render }
        if sourceEmpty { return .keepPrevious(reason: "the source is empty: the previous site is kept") }
        if !publishOnGateFailure { return .keepPrevious(reason: "a quality gate failed: the previous site is kept") }
        return .render
    }
}
