// The review page's style and script. Both are inline and allowed by their SHA-256 in the
// page's Content-Security-Policy; nothing else may run or load. The script reads the data
// from <script type="application/json" id="review-data"> and builds every element with
// createElement and textContent: no innerHTML, no string-built markup, so a name such as
// `<img src=x onerror=...>` is shown as text.
//
// State (localStorage, key "vaxlink-review/" + page_id): {reviewer, current, choices:
// {shot_id: {d: "link"|"not_registered"|"defer", c: citizen_id, r: reason, at: decided_at,
// by: reviewer}}}. Every change is written at once, so closing the tab loses nothing.

enum ReviewPageScript {
    static let style = """
        body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
        header{background:#fff;border-bottom:1px solid #ccc;padding:8px 16px;position:sticky;top:0}
        h1{font-size:1.3em;margin:4px 0}.bar{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
        .late{color:#b71c1c;font-weight:bold}.keys{color:#555;font-size:.85em}
        main{display:flex;gap:16px;padding:12px 16px}nav{width:230px;max-height:80vh;overflow-y:auto;font-size:.85em}
        nav ol{padding-left:1.6em;margin:0}nav li{cursor:pointer;padding:1px 2px}nav li.cur{background:#e3f2fd;font-weight:bold}
        nav li.s-link,nav li.s-not_registered{color:#2e7d32}nav li.s-defer{color:#ef6c00}
        section{flex:1;background:#fff;border:1px solid #ddd;padding:10px 14px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        th{background:#f0f0f0}td.same{background:#e8f5e9}td.near{background:#fff8e1}td.diff{background:#ffebee}td.missing{color:#777}
        td.diff::before{content:"\\2260 ";color:#b71c1c}td.near::before{content:"\\2248 ";color:#ef6c00}
        .ev{font-size:.85em;margin:0;padding-left:1.2em}.chosen{outline:3px solid #1565c0}
        button{margin:2px}.decision{font-weight:bold;margin:8px 0}.status{color:#1565c0}.note{color:#ef6c00}
        #csv-out{width:100%;height:4em;font-size:.75em;display:block;margin-top:8px}
        """

    static let script = #"""
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("review-data").textContent);
          var T = data.text, cases = data.cases, KEY = "vaxlink-review/" + data.page_id;
          var state = load();
          var $ = function (id) { return document.getElementById(id); };
          function load() {
            try {
              var s = JSON.parse(window.localStorage.getItem(KEY) || "null");
              if (s && typeof s === "object" && s.choices && typeof s.choices === "object") return s;
            } catch (e) {}
            return { reviewer: "", current: 0, choices: {} };
          }
          function keep() {
            try { window.localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { say(T.storage_failed); }
          }
          function el(tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = String(text);
            return e;
          }
          function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
          function say(text) { $("status").textContent = text; }
          function pad(n) { return (n < 10 ? "0" : "") + n; }
          function isoNow() {
            var d = new Date(), off = -d.getTimezoneOffset(), sign = off >= 0 ? "+" : "-";
            off = Math.abs(off);
            return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + "T" + pad(d.getHours()) +
              ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds()) + sign + pad(Math.floor(off / 60)) + ":" + pad(off % 60);
          }
          function reviewerOK() {
            var r = state.reviewer || "";
            var n = Array.from(r).length;
            return n >= 1 && n <= 64 && /\S/.test(r) && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(r);
          }
          function decide(choice) {
            var c = cases[state.current];
            if (!c) return;
            if (!reviewerOK()) { say(state.reviewer ? T.bad_reviewer : T.need_reviewer); $("reviewer").focus(); return; }
            if (choice.d !== "link") {
              var code = $("reason-code").value, text = $("reason-text").value.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, " ");
              choice.r = code + ": " + text;
            }
            choice.at = isoNow();
            choice.by = state.reviewer;
            state.choices[c.shot_id] = choice;
            keep();
            next(true);
          }
          function pick(i) {
            var c = cases[state.current];
            if (c && i < c.candidates.length) decide({ d: "link", c: c.candidates[i].citizen_id, r: "" });
          }
          function linkOther() {
            var v = $("other-id").value.trim();
            if (!/^[0-9]{12}$/.test(v)) { say(T.bad_citizen_id); return; }
            decide({ d: "link", c: v, r: "" });
          }
          function next(undecidedOnly) {
            var i = state.current;
            for (var k = 1; k <= cases.length; k++) {
              var j = (i + k) % cases.length;
              if (!undecidedOnly || !state.choices[cases[j].shot_id]) { state.current = j; break; }
              if (k === cases.length) state.current = Math.min(i + 1, cases.length - 1);
            }
            keep();
            render();
          }
          function move(delta) {
            state.current = Math.max(0, Math.min(cases.length - 1, state.current + delta));
            keep();
            render();
          }
          function undo() {
            var c = cases[state.current];
            if (c) { delete state.choices[c.shot_id]; keep(); render(); }
          }
          function csvField(v) {
            v = String(v === undefined || v === null ? "" : v);
            return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
          }
          function save() {
            var rows = [["shot_id", "decision", "citizen_id", "reason", "reviewer", "decided_at"]];
            cases.forEach(function (c) {
              var ch = state.choices[c.shot_id];
              if (ch) rows.push([c.shot_id, ch.d, ch.d === "link" ? ch.c : "", ch.r || "", ch.by, ch.at]);
            });
            if (rows.length === 1) { say(T.nothing_to_save); return; }
            var text = rows.map(function (r) { return r.map(csvField).join(","); }).join("\r\n") + "\r\n";
            $("csv-out").value = text;
            var url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
            var a = $("download");
            a.href = url;
            a.download = data.file_name;
            a.click();
            say(T.saved.replace("%n", String(rows.length - 1)).replace("%f", data.file_name));
          }
          function sexWord(s) { return s === "M" ? T.sex_M : s === "F" ? T.sex_F : s; }
          function progress() {
            var done = 0, oldest = null, now = Date.now() / 1000;
            cases.forEach(function (c) {
              var ch = state.choices[c.shot_id];
              if (ch) done++;
              if ((!ch || ch.d === "defer") && (oldest === null || c.opened_at < oldest.opened_at)) oldest = c;
            });
            var p = $("progress");
            clear(p);
            p.appendChild(el("span", null, T.done + ": " + done));
            p.appendChild(el("span", null, " · " + T.left + ": " + (cases.length - done) + " · "));
            if (oldest === null) { p.appendChild(el("span", null, T.oldest_open + ": " + T.none_open)); return; }
            var hours = Math.max(0, Math.floor((now - oldest.opened_at) / 3600));
            var late = hours >= 48;
            p.appendChild(el("span", late ? "late" : null, T.oldest_open + ": " + oldest.shot_id + ", " + hours + " " +
              T.hours + " (" + (late ? T.late : T.rule_48) + ")"));
          }
          function list() {
            var ol = $("cases");
            clear(ol);
            cases.forEach(function (c, i) {
              var ch = state.choices[c.shot_id];
              var li = el("li", (i === state.current ? "cur " : "") + (ch ? "s-" + ch.d : ""),
                c.shot_id + (ch ? " \u2713" : ""));
              li.addEventListener("click", function () { state.current = i; keep(); render(); });
              ol.appendChild(li);
            });
          }
          function decisionText(ch) {
            if (!ch) return T.decision_none;
            if (ch.d === "link") return T.decision_link + " " + ch.c;
            return (ch.d === "defer" ? T.decision_defer : T.decision_not_registered) + " (" + ch.r + ")";
          }
          function reasonOptions(kind) {
            var sel = $("reason-code"), codes = kind === "defer" ? data.reasons.defer : data.reasons.not_registered;
            clear(sel);
            codes.forEach(function (r) { var o = el("option", null, r[1]); o.value = r[0]; sel.appendChild(o); });
          }
          function current() {
            var s = $("case");
            clear(s);
            var c = cases[state.current];
            if (!c) return;
            var ch = state.choices[c.shot_id];
            s.appendChild(el("h2", null, T.shot + " " + c.shot_id + " (" + T.line + " " + c.line + ") \u2014 " +
              (state.current + 1) + "/" + cases.length));
            if (c.deferral) {
              s.appendChild(el("p", "note", T.deferred_earlier + ": " + c.deferral.reason + " \u2014 " +
                c.deferral.reviewer + ", " + c.deferral.decided_at));
            }
            c.complaints.forEach(function (m) {
              s.appendChild(el("p", "note complaint", T.complaint + " " + m.complaint_id + " (" +
                (m.kind === "wrong" ? T.complaint_wrong : T.complaint_missing) + ") \u2014 " + m.citizen_id + ", " +
                m.received_at + (m.text ? ": " + m.text : "")));
            });
            if (c.complaints.length && c.current_link) {
              s.appendChild(el("p", "note", T.current_link + " " + c.current_link));
            }
            var tbl = el("table"), head = el("tr");
            head.appendChild(el("th", null, ""));
            head.appendChild(el("th", null, T.as_typed));
            c.candidates.forEach(function (k, i) {
              var th = el("th", ch && ch.d === "link" && ch.c === k.citizen_id ? "chosen" : null,
                "[" + (i + 1) + "] " + T.candidate + " " + (i + 1) +
                (k.complainant ? " \u00b7 " + T.complainant : " \u00b7 " + T.score + " " + k.score));
              head.appendChild(th);
            });
            tbl.appendChild(head);
            var ty = c.typed || {};
            var rows = [["id", T.field_id, ty.citizen_id, "citizen_id"], ["name", T.field_name, ty.full_name, "full_name"],
              ["dob", T.field_dob, ty.birth_date, "birth_date"], ["sex", T.field_sex, sexWord(ty.sex), "sex"],
              ["province", T.field_province, ty.province_code, "province_code"]];
            rows.forEach(function (r) {
              var tr = el("tr");
              tr.appendChild(el("th", null, r[1]));
              tr.appendChild(el("td", null, c.typed ? r[2] : T.no_typed));
              c.candidates.forEach(function (k) {
                var v = r[3] === "sex" ? sexWord(k.sex) : k[r[3]];
                var cell = el("td", k.registered ? k.marks[r[0]] : "missing", k.registered ? v : T.not_in_store);
                cell.title = T[k.marks[r[0]]] || "";
                tr.appendChild(cell);
              });
              tbl.appendChild(tr);
            });
            var ev = el("tr");
            ev.appendChild(el("th", null, T.evidence));
            var dose = el("td");
            if (c.typed) {
              var ul0 = el("ul", "ev");
              [[T.field_phone, ty.phone], [T.field_vaccine, ty.vaccine], [T.field_dose, ty.dose_number],
                [T.field_date, ty.vaccinated_on]].forEach(function (p) { ul0.appendChild(el("li", null, p[0] + ": " + p[1])); });
              dose.appendChild(ul0);
            }
            ev.appendChild(dose);
            c.candidates.forEach(function (k, i) {
              var td = el("td"), ul = el("ul", "ev");
              k.words.forEach(function (w) { ul.appendChild(el("li", null, w)); });
              td.appendChild(ul);
              var b = el("button", null, T.choose + " [" + (i + 1) + "]");
              b.id = "pick-" + (i + 1);
              b.addEventListener("click", function () { pick(i); });
              td.appendChild(b);
              ev.appendChild(td);
            });
            tbl.appendChild(ev);
            s.appendChild(tbl);
            s.appendChild(el("p", "decision", T.decision + ": " + decisionText(ch)));
          }
          function render() {
            $("reviewer").value = state.reviewer || "";
            progress();
            list();
            current();
          }
          function setup() {
            document.title = T.title + " \u2014 " + data.site;
            document.documentElement.lang = data.lang;
            $("title").textContent = T.title + " \u2014 " + data.site;
            $("count").textContent = cases.length + " " + T.shots_in_review + " \u00b7 " + data.generated;
            $("reviewer-label").textContent = T.reviewer + " ";
            $("reviewer").placeholder = T.reviewer_hint;
            $("save").textContent = T.save + " [s]";
            $("keys").textContent = T.keys;
            $("not-registered").textContent = T.not_registered + " [n]";
            $("defer").textContent = T.defer + " [d]";
            $("clear").textContent = T.clear + " [u]";
            $("reason-label").textContent = T.reason_code + " ";
            $("reason-text").placeholder = T.reason_text;
            $("other-id").placeholder = T.other_citizen;
            $("link-other").textContent = T.link_other;
            var kinds = $("reason-kind");
            [["not_registered", T.not_registered], ["defer", T.defer]].forEach(function (k) {
              var o = el("option", null, k[1]); o.value = k[0]; kinds.appendChild(o);
            });
            reasonOptions("not_registered");
            $("reviewer").addEventListener("input", function () { state.reviewer = $("reviewer").value; keep(); });
            $("save").addEventListener("click", save);
            $("not-registered").addEventListener("click", function () {
              reasonFor("not_registered");
              decide({ d: "not_registered", c: "" });
            });
            $("defer").addEventListener("click", function () { reasonFor("defer"); decide({ d: "defer", c: "" }); });
            $("clear").addEventListener("click", undo);
            $("link-other").addEventListener("click", linkOther);
            $("reason-kind").addEventListener("change", function () { reasonOptions($("reason-kind").value); });
            document.addEventListener("keydown", function (e) {
              var t = e.target && e.target.tagName;
              if (t === "INPUT" || t === "SELECT" || t === "TEXTAREA") {
                if (e.key === "Escape") e.target.blur();
                return;
              }
              if (e.ctrlKey || e.metaKey || e.altKey) return;
              if (e.key >= "1" && e.key <= "9") pick(e.key.charCodeAt(0) - 49);
              else if (e.key === "n") { reasonFor("not_registered"); decide({ d: "not_registered", c: "" }); }
              else if (e.key === "d") { reasonFor("defer"); decide({ d: "defer", c: "" }); }
              else if (e.key === "u") undo();
              else if (e.key === "j" || e.key === "ArrowDown") move(1);
              else if (e.key === "k" || e.key === "ArrowUp") move(-1);
              else if (e.key === "s") save();
              else return;
              e.preventDefault();
            });
            if (state.current >= cases.length) state.current = 0;
            render();
          }
          // The reason list follows the kind of decision; a code chosen for the other kind falls back to its first.
          function reasonFor(kind) {
            var codes = kind === "defer" ? data.reasons.defer : data.reasons.not_registered;
            var sel = $("reason-code");
            if (!codes.some(function (r) { return r[0] === sel.value; })) { $("reason-kind").value = kind; reasonOptions(kind); }
          }
          setup();
        })();
        """#
}
