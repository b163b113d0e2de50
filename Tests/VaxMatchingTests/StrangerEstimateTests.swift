import Foundation
import Testing
import VaxCore
@testable import VaxMatching
import VaxTestSupport

// issue 16, harder data: where many vaccinated people are outside the register, a link made
// by name and birth date alone, with no ID recorded, is too often a stranger who shares a
// citizen's name and birth date. `model estimate --target-precision` measures that from
// where the doses were given (StrangerEstimate) and sends such links to review.
@Suite struct StrangerEstimateTests {
    /// `n` links of `kind`, `away` of them made outside the citizen's province.
    static func links(_ kind: StrangerEstimate.SampledLink.Kind, _ n: Int, away: Int) -> [StrangerEstimate.SampledLink] {
        (0..<n).map { StrangerEstimate.SampledLink(kind: kind, away: $0 < away) }
    }

    @Test func idlessLinksMadeAwayFromHomeMoreOftenThanProvenOnesAreStrangers() throws {
        // Proven links: 7 % outside the province. ID-less links with a phone: 20 %, so at
        // least (20 - 7) / 93 = 14 % strangers, less the sampling margin; without a phone: 7 %.
        let sample = Self.links(.proven, 20_000, away: 1_400) + Self.links(.idless(.withPhone), 1_000, away: 200)
            + Self.links(.idless(.withoutPhone), 1_000, away: 70)
        let estimate = StrangerEstimate.make(links: sample, targetPrecision: 0.9995)
        let phone = try #require(estimate.strata.first { $0.stratum == .withPhone })
        let none = try #require(estimate.strata.first { $0.stratum == .withoutPhone })
        #expect(phone.links == 1_000 && phone.away == 200)
        #expect(phone.strangerShareAtLeast > 0.08 && phone.strangerShareAtLeast < 0.14, "\(phone.strangerShareAtLeast)")
        #expect(phone.toReview)
        #expect(none.strangerShareAtLeast == 0 && !none.toReview)
        var model = MatchModel.standard
        estimate.apply(to: &model)
        #expect(model.idlessLinksToReview == [.withPhone])
        #expect(model.thresholdOrigin.contains("ID-less links with-phone 1000 (20.00 % outside)"))
    }

    @Test func aSmallOrOrdinaryExcessIsNoEvidence() {
        // 8 % against 7 % in 300 links is within sampling noise; 99 links are too few to say.
        let noise = Self.links(.proven, 20_000, away: 1_400) + Self.links(.idless(.withPhone), 300, away: 24)
            + Self.links(.idless(.withoutPhone), 99, away: 60)
        let estimate = StrangerEstimate.make(links: noise, targetPrecision: 0.9995)
        #expect(estimate.strata.allSatisfy { $0.strangerShareAtLeast == 0 && !$0.toReview })
        // A looser target tolerates a measured share of strangers.
        let excess = Self.links(.proven, 20_000, away: 1_400) + Self.links(.idless(.withPhone), 1_000, away: 200)
        #expect(StrangerEstimate.make(links: excess, targetPrecision: 0.8).strata.allSatisfy { !$0.toReview })
    }

    @Test func theModelFileCarriesWhichIDLessLinksGoToReview() throws {
        var model = MatchModel.standard
        model.idlessLinksToReview = [.withoutPhone, .withPhone]
        #expect(model.canonicalText.contains("\nidless-links-to-review with-phone without-phone\n"))
        #expect(try MatchModel(text: model.canonicalText, file: "m") == model)
        #expect(!MatchModel.standard.canonicalText.contains("idless-links"))
        let wrong = model.canonicalText.replacingOccurrences(of: "with-phone without-phone", with: "all")
        #expect(throws: VaxError.self) { try MatchModel(text: wrong, file: "m") }
    }
}
