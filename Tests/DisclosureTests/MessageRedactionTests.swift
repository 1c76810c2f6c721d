import Testing

@testable import Disclosure

@Suite struct MessageRedactionTests {
    let policy = DisclosurePolicy(suppressBelow: 11, pseudonymized: false)

    @Test func numbersOfSmallCountsAreWithheld() {
        #expect(MessageRedaction.redact("Tot_Clms is 7, below the CMS minimum of 11", withheld: [], policy: policy)
            == "Tot_Clms is suppressed, below the CMS minimum of 11")
        #expect(MessageRedaction.redact("Tot_Benes of 7 published (counts 1-10 are suppressed): nulled", withheld: [], policy: policy)
            == "Tot_Benes of suppressed published (counts 1-10 are suppressed): nulled")
    }

    @Test func otherNumbersStay() {
        let message = "Tot_30day_Fills 18.3 is below Tot_Clms 40"
        #expect(MessageRedaction.redact(message, withheld: [], policy: policy) == message)
    }

    @Test func aValueTheRowWithheldIsWithheldInTheMessageToo() {
        #expect(MessageRedaction.redact("Tot_30day_Fills 18.3 is below Tot_Clms 40", withheld: ["tot_30day_fills"], policy: policy)
            == "Tot_30day_Fills suppressed is below Tot_Clms 40")
    }
}
