import Testing

import Pipeline
import Runs

@Suite struct StageDecisionTests {
    @Test(arguments: [
        // (force, recorded, fingerprint, outputs present) → decision
        (false, "a", "a", true, StageDecision.skip),
        (false, "a", "b", true, .run),
        (false, nil, "a", true, .run),
        (false, "a", "a", false, .run),
        (true, "a", "a", true, .run),
    ] as [(Bool, String?, String, Bool, StageDecision)])
    func decides(force: Bool, recorded: String?, fingerprint: String, present: Bool, expected: StageDecision) {
        #expect(StageDecision.decide(force: force, recorded: recorded, fingerprint: fingerprint, outputsPresent: present) == expected)
    }

    @Test func unchangedInputsDoNotAskForOutputsWhenForced() {
        var asked = false
        _ = StageDecision.decide(force: true, recorded: "f", fingerprint: "f", outputsPresent: { asked = true; return true }())
        #expect(!asked, "a forced stage runs whatever is on disk")
    }
}

@Suite struct SiteDecisionTests {
    @Test func passedGatesRender() {
        #expect(SiteDecision.decide(gatesPassed: true, sourceEmpty: false, publishOnGateFailure: false) == .render)
    }

    @Test func aFailedGateRendersWithItsBannerUnlessTheRunSaysKeep() {
        #expect(SiteDecision.decide(gatesPassed: false, sourceEmpty: false, publishOnGateFailure: true) == .render)
        #expect(SiteDecision.decide(gatesPassed: false, sourceEmpty: false, publishOnGateFailure: false)
            == .keepPrevious(reason: "a quality gate failed: the previous site is kept"))
    }

    @Test func anEmptySourceNeverReplacesTheSite() {
        #expect(SiteDecision.decide(gatesPassed: false, sourceEmpty: true, publishOnGateFailure: true)
            == .keepPrevious(reason: "the source is empty: the previous site is kept"))
    }
}
