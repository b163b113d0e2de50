import VaxCore
import VaxCrypto

// One offline review page (docs/cli.md "Review at the vaccination site"): a self-contained
// HTML file that works from a USB stick with no server and no network.
//
// Safety rules, all enforced here:
// - The Content-Security-Policy meta comes first in <head> and forbids every network
//   request (default-src 'none', no connect, img, font, form or base); the one inline
//   style and the one inline script run only because their SHA-256 is listed.
// - All data (names are typed by people) goes into the page once, as JSON inside
//   <script type="application/json">, escaped by ReviewPageJSON so that no `<`, `>`, `&`,
//   U+2028 or U+2029 appears raw; the script renders it with textContent only.
// - The static markup holds no data at all: labels are set by the script from the JSON.

/// Renders the offline review page of one site or province.
public enum ReviewPage {
    /// What the page is for.
    public struct Site: Sendable {
        /// The site's or province's name as shown, e.g. "01 Hà Nội · HN-0012".
        public var title: String
        /// The file name the saved decisions get, e.g. "review-decisions-01-HN-0012.csv".
        public var decisionsFileName: String
        /// The time of the export, as shown.
        public var generated: String
        public init(title: String, decisionsFileName: String, generated: String) {
            self.title = title
            self.decisionsFileName = decisionsFileName
            self.generated = generated
        }
    }

    /// The Content-Security-Policy of every review page.
    public static var contentSecurityPolicy: String {
        "default-src 'none'; script-src '\(hash(ReviewPageScript.script))'; style-src '\(hash(ReviewPageScript.style))'; "
            + "img-src 'none'; connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; "
            + "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    }

    private static func hash(_ text: String) -> String { "sha256-" + Base64.encode(SHA256.hash(text).bytes) }

    /// The whole page for `cases` as UTF-8 bytes.
    /// - Complexity: O(total size of the cases).
    public static func render(cases: [ReviewCase], site: Site, language: ReportLanguage) -> [UInt8] {
        var json = ReviewPageJSON(reservingCapacity: 1024 + cases.count * 1200)
        json.openObject()
        json.string("lang", language.rawValue)
        json.string("site", site.title)
        json.string("file_name", site.decisionsFileName)
        json.string("generated", site.generated)
        json.openObject("text")
        for (key, value) in ReviewPageText.labels(language) { json.string(key, value) }
        json.closeObject()
        let reasons = ReviewPageText.reasons(language)
        json.openObject("reasons")
        for (key, list) in [("not_registered", reasons.notRegistered), ("defer", reasons.deferred)] {
            json.openArray(key)
            for (code, label) in list {
                json.openArray()
                json.string(nil, code)
                json.string(nil, label)
                json.closeArray()
            }
            json.closeArray()
        }
        json.closeObject()
        json.openArray("cases")
        var evidenceCache: [String: ReviewEvidence] = [:]
        for c in cases {
            json.openObject()
            json.string("shot_id", c.shotID)
            json.int("line", Int64(c.line))
            json.int("opened_at", c.openedAt)
            if let t = c.typed {
                json.openObject("typed")
                json.string("citizen_id", t.citizenID)
                json.string("full_name", t.fullName)
                json.string("birth_date", t.birthDate)
                json.string("sex", t.sex)
                json.string("phone", t.phone)
                json.string("province_code", t.provinceCode)
                json.string("facility_code", t.facilityCode)
                json.string("vaccine", t.vaccine)
                json.string("dose_number", t.doseNumber)
                json.string("vaccinated_on", t.vaccinatedOn)
                json.closeObject()
            } else {
                json.null("typed")
            }
            if let d = c.deferral {
                json.openObject("deferral")
                json.string("reason", d.reason)
                json.string("reviewer", d.reviewer)
                json.string("decided_at", d.decidedAt)
                json.closeObject()
            } else {
                json.null("deferral")
            }
            json.openArray("complaints")
            for complaint in c.complaints {
                json.openObject()
                json.string("complaint_id", complaint.complaintID)
                json.string("citizen_id", complaint.citizenID)
                json.string("kind", complaint.kind)
                json.string("received_at", complaint.receivedAt)
                json.string("text", complaint.text)
                json.closeObject()
            }
            json.closeArray()
            json.string("current_link", c.currentLink)
            json.openArray("candidates")
            for k in c.candidates {
                let evidence: ReviewEvidence
                if let cached = evidenceCache[k.evidence] {
                    evidence = cached
                } else {
                    evidence = ReviewEvidence(k.evidence, language: language)
                    evidenceCache[k.evidence] = evidence
                }
                json.openObject()
                json.string("citizen_id", k.citizenID)
                json.string("score", k.score)
                json.string("weight", k.weight)
                json.bool("registered", k.isRegistered)
                json.bool("complainant", k.isComplainant)
                json.string("full_name", k.fullName)
                json.string("birth_date", k.birthDate)
                json.string("sex", k.sex)
                json.string("province_code", k.provinceCode)
                json.openObject("marks")
                for (row, mark) in evidence.marks { json.string(row, mark) }
                json.closeObject()
                json.openArray("words")
                for sentence in evidence.sentences { json.string(nil, sentence) }
                json.closeArray()
                json.closeObject()
            }
            json.closeArray()
            json.closeObject()
        }
        json.closeArray()
        // The page's identity for its saved state: the data without the id itself.
        let pageID = SHA256.hash(json.bytes).hex.prefix(16)
        json.string("page_id", String(pageID))
        json.closeObject()

        var page: [UInt8] = []
        page.reserveCapacity(json.bytes.count + 16_384)
        page.append(
            contentsOf: """
                <!DOCTYPE html>
                <html lang="\(language.rawValue)"><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="\(contentSecurityPolicy)">
                <meta name="referrer" content="no-referrer">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>vaxlink review</title>
                <style>\(ReviewPageScript.style)</style>
                </head><body>
                <header><h1 id="title"></h1><div class="bar"><span id="count"></span>
                <label><span id="reviewer-label"></span><input id="reviewer" maxlength="64" autocomplete="off"></label>
                <button id="save" type="button"></button><a id="download" hidden></a>
                <span id="progress"></span></div>
                <div class="keys" id="keys"></div><div class="status" id="status" role="status"></div></header>
                <main><nav><ol id="cases"></ol></nav><section><div id="case"></div>
                <div class="bar"><select id="reason-kind"></select><label><span id="reason-label"></span><select id="reason-code"></select></label>
                <input id="reason-text" maxlength="400"><button id="not-registered" type="button"></button>
                <button id="defer" type="button"></button><button id="clear" type="button"></button></div>
                <div class="bar"><input id="other-id" maxlength="12" inputmode="numeric"><button id="link-other" type="button"></button></div>
                <textarea id="csv-out" readonly aria-label="review-decisions.csv"></textarea>
                </section></main>
                <script type="application/json" id="review-data">
                """.utf8)
        page.append(contentsOf: json.bytes)
        page.append(contentsOf: "</script>\n<script>\(ReviewPageScript.script)</script>\n</body></html>\n".utf8)
        return page
    }
}
