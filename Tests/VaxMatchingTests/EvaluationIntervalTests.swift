import Testing
import VaxMatching

// The Wilson score interval against values worked by hand (Newcombe 1998, table I).
@Suite struct EvaluationIntervalTests {
    @Test func wilsonMatchesPublishedValues() {
        let a = EstimatedRate.wilson(successes: 81, trials: 263)
        #expect(abs(a.lower - 0.2553) < 1e-4 && abs(a.upper - 0.3662) < 1e-4, "\(a)")
        let b = EstimatedRate.wilson(successes: 15, trials: 148)
        #expect(abs(b.lower - 0.0624) < 1e-4 && abs(b.upper - 0.1605) < 1e-4, "\(b)")
        let none = EstimatedRate.wilson(successes: 0, trials: 20)
        #expect(none.lower == 0 && abs(none.upper - 0.1611) < 1e-4, "\(none)")
        let all = EstimatedRate.wilson(successes: 29, trials: 29)
        #expect(all.upper == 1 && abs(all.lower - 0.8830) < 1e-4, "\(all)")
    }

    @Test func anEffectiveSampleOfZeroVarianceStillHasAnInterval() {
        let r = EstimatedRate.wilson(estimate: 1, variance: 0, sampled: 100)
        #expect(r.value == 1 && r.upper == 1 && r.lower < 0.97)
        let wider = EstimatedRate.wilson(estimate: 0.9, variance: 0.01, sampled: 1000)
        let plain = EstimatedRate.wilson(successes: 900, trials: 1000)
        #expect(wider.upper - wider.lower > plain.upper - plain.lower)
    }
}
