import Foundation
import Testing
import VaxMatching
import VaxTestSupport

/// `evaluate` reads decisions and the answer key side by side; a rejected shot (no decision)
/// and decisions in another order than the answer key must still score exactly.
@Test func evaluationMatchesDecisionsToAnswersInAnyOrder() throws {
    try withTemporaryDirectory { dir in
        try """
            shot_id,citizen_id,errors
            S1,001099000001,
            S2,001099000002,name_typo
            S3,,
            S4,001099000004,dob_swapped;id_digit
            S5,001099000005,
            """.write(toFile: dir + "/truth.csv", atomically: true, encoding: .utf8)
        // S5 was rejected (no decision); S4 comes before S2; S3 is not in the register.
        try """
            shot_id,outcome,citizen_id,score,corrections
            S1,verified,001099000001,0.99,
            S4,relinked,001099000004,0.97,citizen_id
            S3,relinked,001099000009,0.96,citizen_id
            S2,review,001099000002,0.40,
            """.write(toFile: dir + "/decisions.csv", atomically: true, encoding: .utf8)
        let e = try Evaluation.evaluate(decisionsPath: dir + "/decisions.csv", truthPath: dir + "/truth.csv")
        #expect(e.shots == 4)
        #expect(e.links == 3)
        #expect(e.correctLinks == 2)
        #expect(e.wrongLinks == 1)
        #expect(e.linkedOutsiders == 1)
        #expect(e.review == 1)
        #expect(e.linkable == 3)
        #expect(e.byTag["id_digit"]?.correctLinks == 1)
        #expect(e.byTag["name_typo"]?.review == 1)

        // A decided shot that the answer key does not hold is an error naming its line.
        try "shot_id,outcome,citizen_id,score,corrections\nS9,unmatched,,0,\n"
            .write(toFile: dir + "/stray.csv", atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try Evaluation.evaluate(decisionsPath: dir + "/stray.csv", truthPath: dir + "/truth.csv")
        }
    }
}
