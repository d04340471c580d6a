// The desk's keyboard flow and saves. Text is only ever set with textContent/value
// (never innerHTML): what the server returns may quote scraped text.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const csrf = document.querySelector("meta[name=csrf]").content;
  document.querySelectorAll("form.filters select").forEach((s) =>
    s.addEventListener("change", () => s.form.submit()));
  const segs = Array.from(document.querySelectorAll("section.seg"));
  if (!segs.length) return;

  const post = (url, body) => fetch(url, {
    method: "POST", credentials: "same-origin",
    headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf},
    body: JSON.stringify(body),
  });
  const area = (seg) => seg.querySelector("textarea");
  // Memory suggestions of a sentence, fetched once when it (or the one before it) gets the focus.
  const loadMemory = async (seg) => {
    if (!seg || seg.dataset.memory) return;
    seg.dataset.memory = "loading";
    const resp = await fetch("/api/suggest?id=" + encodeURIComponent(seg.dataset.id), {credentials: "same-origin"});
    if (!resp.ok) { delete seg.dataset.memory; return; }
    const data = await resp.json();
    const box = seg.querySelector(".memory");
    box.replaceChildren();
    if (data.suggestions.length) {
      const h = document.createElement("h3"); h.textContent = "Memory"; box.appendChild(h);
      const ol = document.createElement("ol"); ol.className = "suggestions";
      data.suggestions.forEach((sg, k) => {
        const li = document.createElement("li"); li.dataset.ko = sg.ko;
        const score = document.createElement("span"); score.className = "score";
        score.textContent = sg.kind === "in-context" ? "101% in context" : Math.round(sg.score) + "%";
        if (sg.kind === "in-context") score.title = "same sentence, after the same sentence";
        const src = document.createElement("span"); src.className = "src"; src.lang = "zh-Hans";
        sg.diff.forEach(([text, kind]) => {
          const el = document.createElement(kind === "old" ? "del" : kind === "new" ? "ins" : "span");
          el.textContent = text; src.appendChild(el);
        });
        const ko = document.createElement("span"); ko.className = "sko"; ko.lang = "ko"; ko.textContent = sg.ko;
        const b = document.createElement("button"); b.type = "button"; b.className = "take quiet";
        b.textContent = "take (Alt+" + (k + 1) + ")";
        b.addEventListener("click", () => take(seg, sg.ko));
        li.append(score, " ", src, document.createElement("br"), ko, " ", b);
        ol.appendChild(li);
      });
      box.appendChild(ol);
    }
    seg.dataset.memory = "loaded";
  };
  const focusAt = (i) => {
    if (i < 0 || i >= segs.length) return;
    const t = area(segs[i]);
    t.focus();
    t.setSelectionRange(t.value.length, t.value.length);
    segs[i].scrollIntoView({block: "center"});
  };
  const list = (ul, items, cls, text) => {
    ul.replaceChildren(...items.map((it) => {
      const li = document.createElement("li");
      li.className = cls(it);
      li.textContent = text(it);
      return li;
    }));
  };
  const showChecks = (seg, data) => {
    list(seg.querySelector("ul.findings"), data.findings || [], (f) => "sev-" + f.severity,
      (f) => f.check + ": " + f.message);
    const norm = seg.querySelector("ul.norm");
    norm.replaceChildren(...(data.norm || []).map((c) => {
      const li = document.createElement("li");
      li.textContent = "norm suggestion (" + c.rule + "): " + c.before + " → " + c.after + " ";
      const b = document.createElement("button");
      b.type = "button"; b.className = "quiet apply-norm"; b.textContent = "apply";
      b.addEventListener("click", () => replaceIn(seg, c.before, c.after));
      li.appendChild(b);
      return li;
    }));
  };
  const setState = (seg, state) => {
    seg.dataset.state = state;
    seg.className = "seg state-" + state;
    seg.querySelector(".st").textContent = state;
    const counts = {};
    segs.forEach((s) => { counts[s.dataset.state] = (counts[s.dataset.state] || 0) + 1; });
    document.querySelectorAll("#counts .count").forEach((c) => {
      c.querySelector("b").textContent = counts[c.dataset.state] || 0;
    });
  };
  const msg = (seg, text, bad) => {
    const m = seg.querySelector(".msg");
    m.textContent = text;
    m.classList.toggle("bad", !!bad);
  };
  const replaceIn = (seg, from, to) => {
    const t = area(seg);
    const at = t.value.indexOf(from);
    if (at < 0) return;
    t.value = t.value.slice(0, at) + to + t.value.slice(at + from.length);
    t.dispatchEvent(new Event("input"));
  };

  const save = async (seg, approve, force) => {
    const t = area(seg);
    const changed = t.value.trim() !== t.dataset.saved.trim();
    let origin = seg.dataset.taken || (changed ? "editor" : (seg.dataset.state === "human" ? "human-exact" : seg.dataset.origin));
    if (!changed && seg.dataset.state === "machine") origin = "machine";
    const body = {id: seg.dataset.id, ko: t.value, version: Number(force ?? seg.dataset.version), approve, origin};
    msg(seg, "saving…");
    let resp;
    try { resp = await post("/api/save", body); } catch (e) { msg(seg, "not saved: " + e, true); return false; }
    const data = await resp.json().catch(() => ({error: "bad answer from the server"}));
    const box = seg.querySelector(".conflict");
    if (resp.status === 409 && data.current) {
      box.hidden = false;
      box.replaceChildren();
      const p = document.createElement("p");
      p.textContent = "Changed by " + data.current.editor + " at " + data.current.updated + ": ";
      const theirs = document.createElement("span");
      theirs.className = "theirs"; theirs.lang = "ko"; theirs.textContent = data.current.ko;
      p.appendChild(theirs);
      const keep = document.createElement("button");
      keep.type = "button"; keep.textContent = "Save mine over it";
      keep.addEventListener("click", () => { box.hidden = true; save(seg, approve, data.current.version); });
      const take = document.createElement("button");
      take.type = "button"; take.className = "quiet"; take.textContent = "Take theirs";
      take.addEventListener("click", () => {
        t.value = t.dataset.saved = data.current.ko; seg.dataset.version = data.current.version;
        setState(seg, data.current.state); box.hidden = true; msg(seg, "");
      });
      box.append(p, keep, take);
      msg(seg, "not saved: someone else changed this sentence", true);
      return false;
    }
    if (!resp.ok) { msg(seg, "not saved: " + (data.error || resp.status), true); return false; }
    seg.dataset.version = data.version;
    t.dataset.saved = t.value = t.value.trim();
    delete seg.dataset.taken;
    seg.dataset.origin = origin;
    setState(seg, data.state);
    seg.querySelector(".who").textContent = data.editor + " · " + data.updated;
    showChecks(seg, data);
    msg(seg, data.state === "approved" ? "approved" : "saved");
    box.hidden = true;
    return true;
  };

  let timer = null;
  segs.forEach((seg, i) => {
    const t = area(seg);
    t.addEventListener("keydown", async (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        if (await save(seg, true)) focusAt(i + 1);
      } else if ((ev.key === "s" || ev.key === "S") && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        save(seg, false);
      } else if (ev.altKey && ev.key === "ArrowDown") {
        ev.preventDefault(); focusAt(i + 1);
      } else if (ev.altKey && ev.key === "ArrowUp") {
        ev.preventDefault(); focusAt(i - 1);
      } else if (ev.altKey && /^Digit[1-9]$/.test(ev.code)) {
        const li = seg.querySelectorAll("ol.suggestions li")[Number(ev.code.slice(5)) - 1];
        if (li) { ev.preventDefault(); take(seg, li.dataset.ko); }
      } else if (ev.key === "Escape") {
        t.value = t.dataset.saved; delete seg.dataset.taken; t.dispatchEvent(new Event("input"));
      }
    });
    t.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const resp = await post("/api/check", {id: seg.dataset.id, ko: t.value});
        if (resp.ok) showChecks(seg, await resp.json());
      }, 300);
    });
    t.addEventListener("focus", () => { loadMemory(seg); loadMemory(segs[i + 1]); });
    seg.querySelectorAll("button.reverse").forEach((b) =>
      b.addEventListener("click", () => replaceIn(seg, b.dataset.after, b.dataset.before)));
    seg.querySelectorAll("button.take-stale").forEach((b) =>
      b.addEventListener("click", () => { t.value = b.dataset.ko; t.dispatchEvent(new Event("input")); t.focus(); }));
  });
  const take = (seg, ko) => {
    const t = area(seg);
    t.value = ko;
    seg.dataset.taken = "memory-suggestion";
    t.dispatchEvent(new Event("input"));
    t.focus();
  };
  const first = segs.find((s) => s.dataset.state !== "approved") || segs[0];
  focusAt(segs.indexOf(first));
});
