import RxCore

extension ProfileSettings {
    /// The `[profile]` section of the configuration.
    public init(_ c: RxpipeConfig.Profile) {
        self.init()
        exactMemoryMB = c.exactMemoryMB
        distinctExactMB = c.distinctExactMB
        histogramBins = c.histogramBins
        logHistogramMinRatio = c.logHistogramMinRatio
        spearmanMaxRows = c.spearmanMaxRows
        minRows = c.minRows
        flagMaxDistinct = c.flagMaxDistinct
        highCardinalityDistinct = c.highCardinalityDistinct
        highMissingShare = c.highMissingShare
        uniqueShare = c.uniqueShare
        correlationThreshold = c.correlationThreshold
        skewnessThreshold = c.skewnessThreshold
        zerosShare = c.zerosShare
        imbalanceThreshold = c.imbalanceThreshold
        suppressedShare = c.suppressedShare
    }
}
