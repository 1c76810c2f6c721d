import RxCore

/// Derives one bad row from a good one, breaking exactly one rule.
struct SampleFaultMaker {
    let writer: SampleRowWriter
    let prescriber: SamplePrescriber
    let row: SampleRowWriter.Figures
    /// The good row's bytes, newline included.
    let line: [UInt8]

    func make(_ kind: SampleFaultKind, random: inout SampleRandom) -> [UInt8] {
        switch kind {
        case .duplicateRow:
            return line
        case .conflictingKey:
            var changed = row
            changed.claims += 1 + random.below(20)
            changed.costCents += 100 + random.below(10_000)
            return format(changed)
        case .badNPI:
            let wrong = (prescriber.npi / 10) * 10 + (prescriber.npi % 10 + 1 + random.below(9)) % 10
            return replacingField(0, with: String(wrong), in: format(freshRow(&random)))
        case .negativeCost:
            var bad = freshRow(&random)
            bad.costCents = -bad.costCents
            return format(bad)
        case .unknownState:
            let fields = [(4, "QQ"), (5, "99")]
            return fields.reduce(format(freshRow(&random))) { replacingField($1.0, with: $1.1, in: $0) }
        case .nonNumericClaims:
            return replacingField(10, with: "1O5", in: format(freshRow(&random)))
        case .suppressedWithValue:
            // A row whose 65+ block is published, then flagged as if suppressed.
            var bad = freshRow(&random)
            bad.elderlyClaims = bad.claims / 2 + 5
            bad.claims = max(bad.claims, 40)
            bad.elderlyClaims = bad.claims / 2
            return replacingField(15, with: "*", in: format(bad))
        case .raggedRow:
            let full = format(freshRow(&random))
            let fields = splitFields(full)
            return Array(fields.prefix(18).joined(separator: [0x2C])) + [0x0A]
        case .claimsBelowMinimum:
            var bad = freshRow(&random)
            bad.claims = 7
            bad.fillsTenths = 70
            bad.elderlyClaims = 0
            bad.beneficiaries = min(bad.beneficiaries, 7)
            bad.elderlyBeneficiaries = 0
            return format(bad)
        case .smallBeneficiaryCount:
            var bad = freshRow(&random)
            bad.beneficiaries = 20
            let text = format(bad)
            return replacingField(14, with: "7", in: text)
        }
    }

    /// A row for a drug this prescriber does not already have, so only the intended rule fires.
    private func freshRow(_ random: inout SampleRandom) -> SampleRowWriter.Figures {
        var drug = random.below(writer.catalog.drugs.count)
        var tries = 0
        while writer.isUsed(drug) && tries < 1_000 {
            drug = random.below(writer.catalog.drugs.count)
            tries += 1
        }
        return writer.makeFigures(drug: drug, prescriber: prescriber, random: &random)
    }

    private func format(_ figures: SampleRowWriter.Figures) -> [UInt8] {
        var bytes: [UInt8] = []
        writer.append(prescriber: prescriber, figures, to: &bytes)
        return bytes
    }

    /// Splits a formatted row into fields (quote-aware), without the newline.
    private func splitFields(_ row: [UInt8]) -> [[UInt8]] {
        var fields: [[UInt8]] = [[]]
        var quoted = false
        for byte in row where byte != 0x0A {
            if byte == 0x22 { quoted.toggle() }
            if byte == 0x2C && !quoted {
                fields.append([])
            } else {
                fields[fields.count - 1].append(byte)
            }
        }
        return fields
    }

    private func replacingField(_ index: Int, with value: String, in row: [UInt8]) -> [UInt8] {
        var fields = splitFields(row)
        fields[index] = Array(value.utf8)
        return Array(fields.joined(separator: [0x2C])) + [0x0A]
    }
}
