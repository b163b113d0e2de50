import Foundation
import VaxCore
import VaxReport
import VaxTestSupport
import VaxWorkflows

/// A tiny run folder with four shots in review at one site (01-0001), made by hand so that
/// the candidates are known: a store of six citizens, RUN/review.csv and RUN/shots.csv.
/// Shot S4's name as typed is an HTML injection attempt.
struct ReviewFixture {
    let dir: String
    var run: String { dir + "/run" }
    var store: String { dir + "/store" }
    var review: String { dir + "/review" }
    static let hostileName = "<img src=x onerror=alert(1)>"

    init(dir: String) throws {
        self.dir = dir
        try makeDirectory(run)
        let population = """
            citizen_id,legacy_id,full_name,birth_date,sex,province_code
            001085000101,,Nguyễn Văn An,1985-03-12,M,01
            001085000102,,Nguyễn Văn Ân,1985-12-03,M,01
            001190000103,,Trần Thị Bích,1990-07-01,F,01
            001190000104,,Trần Thị Bích Ngọc,1990,F,01
            001170000105,,Lê Văn Cường,1970-01-01,M,01
            001175000106,,Phạm Thị Dung,1975-05-05,F,01

            """
        try population.write(toFile: dir + "/population.csv", atomically: true, encoding: .utf8)
        try Workflow.buildStore(dir + "/population.csv", store)
        let shots = #"""
            shot_id,citizen_id,full_name,birth_date,sex,phone,province_code,facility_code,vaccine,dose_number,vaccinated_on
            S1,,Nguyen Van An,1985-03-12,M,0912345678,01,01-0001,Comirnaty,1,2021-09-01
            S2,,Trần Thị Bích,1990,F,,01,01-0001,Vaxzevria,2,2021-10-02
            S3,001170000150,"Lê Văn Cường, ""Ba""",1970-01-01,M,,01,01-0001,Spikevax,1,2021-11-03
            S4,,"\#(Self.hostileName)",1975-05-05,F,,01,01-0001,Comirnaty,3,2022-01-04

            """#
        try shots.write(toFile: run + "/shots.csv", atomically: true, encoding: .utf8)
        let ev = "fn=exact;mn=exact;gn=folded;dob=exact;sex=agree;id=missing;prov=same"
        let review = """
            shot_id,line,province_code,facility_code,rank,citizen_id,score,match_weight,evidence
            S1,2,01,01-0001,1,001085000101,0.610000,1.20,\(ev)
            S1,2,01,01-0001,2,001085000102,0.580000,0.90,fn=exact;mn=exact;gn=folded;dob=swapped;sex=agree;id=missing;prov=same
            S2,3,01,01-0001,1,001190000103,0.550000,0.40,fn=exact;mn=exact;gn=exact;dob=partialAgree;sex=agree;id=missing;prov=same
            S2,3,01,01-0001,2,001190000104,0.540000,0.30,fn=exact;mn=exact;gn=different;dob=partialAgree;sex=agree;id=missing;prov=same
            S3,4,01,01-0001,1,001170000105,0.500000,0.10,fn=exact;mn=exact;gn=exact;dob=exact;sex=agree;id=variant;prov=same
            S4,5,01,01-0001,1,001175000106,0.400000,-0.50,fn=different;mn=different;gn=different;dob=exact;sex=agree;id=missing;prov=same

            """
        try review.write(toFile: run + "/review.csv", atomically: true, encoding: .utf8)
    }

    /// Exports the pages in `language` and returns the one page's path.
    func export(language: ReportLanguage = .en, decisions: [String] = []) throws -> ReviewExport.Result {
        var export = ReviewExport(runDirectory: run, storePath: store, out: review)
        export.language = language
        export.decisionFiles = decisions
        return try export.run()
    }
}
