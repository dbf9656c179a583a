// yusuan web UI: enhancements only (the pages work without scripts). No inline script: the CSP allows 'self'.
"use strict";
(function () {
  const csrf = () => (document.querySelector('meta[name="csrf-token"]') || {}).content || "";

  // ---- upload: drop or pick many files; one request per file with its own progress line -----------------------
  function uploadOne(file, list) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.className = "fname";
    name.textContent = file.name;
    const bar = document.createElement("progress");
    bar.max = 100; bar.value = 0;
    const status = document.createElement("span");
    status.className = "status";
    status.textContent = "上传中";
    li.append(name, bar, status);
    list.prepend(li);
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/documents");
      xhr.setRequestHeader("X-CSRF-Token", csrf());
      const token = document.getElementById("token");
      if (token && token.value) xhr.setRequestHeader("Authorization", "Bearer " + token.value);
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) bar.value = Math.round(e.loaded * 100 / e.total); };
      xhr.upload.onload = () => { bar.value = 100; status.textContent = "解析、检查中…"; };
      xhr.onload = () => {
        let body = {};
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = {detail: xhr.statusText}; }
        status.textContent = "";
        if (xhr.status < 300) {
          li.className = "ok";
          const a = document.createElement("a");
          a.href = body.url;
          const n = {error: 0, warning: 0, info: 0};
          (body.findings || []).forEach((f) => { n[f.severity] = (n[f.severity] || 0) + 1; });
          a.textContent = `${body.department} ${body.year}年${body.kind}`;
          status.append(xhr.status === 200 ? "已存在：" : "已入库：", a,
            `（错误 ${n.error}，警告 ${n.warning}，提示 ${n.info}）`);
        } else {
          li.className = "failed";
          const msg = document.createElement("span");
          msg.className = "refusal";
          msg.textContent = "未入库：" + (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
          status.append(msg);
        }
        resolve();
      };
      xhr.onerror = () => { li.className = "failed"; status.textContent = "网络错误，未上传"; resolve(); };
      const form = new FormData();
      form.append("file", file, file.name);
      xhr.send(form);
    });
  }

  async function uploadAll(files) {
    const list = document.getElementById("progress");
    const queue = Array.from(files);
    const workers = Array.from({length: Math.min(3, queue.length)}, async () => {
      while (queue.length) await uploadOne(queue.shift(), list);
    });
    await Promise.all(workers);
    if (window.htmx) htmx.ajax("GET", "/" + location.search, {target: "#list"});
  }

  function setupUpload() {
    const drop = document.getElementById("drop");
    const input = document.getElementById("file-input");
    if (!drop || !input) return;
    input.addEventListener("change", () => { if (input.files.length) uploadAll(input.files); input.value = ""; });
    ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.add("over"); }));
    ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, (e) => { e.preventDefault(); drop.classList.remove("over"); }));
    drop.addEventListener("drop", (e) => { if (e.dataTransfer.files.length) uploadAll(e.dataTransfer.files); });
    document.getElementById("upload-form").addEventListener("submit", (e) => { e.preventDefault(); uploadAll(input.files); });
  }

  // ---- document page: select a finding → its cells and its place in the source ---------------------------------
  function rowsFor(loc) {
    const tables = Array.from(document.querySelectorAll("table.budget")).filter((t) =>
      loc.table !== null && loc.table !== undefined &&
      (t.dataset.table === String(loc.table) || t.dataset.type === String(loc.table)));
    const rows = [];
    tables.forEach((t) => t.querySelectorAll("tbody tr").forEach((tr) => {
      const d = tr.dataset;
      const byRow = loc.row && [d.code, d.item, d.name].includes(String(loc.row));
      const byLine = !loc.row && loc.line && d.line === String(loc.line);
      if (byRow || byLine) rows.push(tr);
    }));
    return rows;
  }

  function showSource(loc) {
    if (loc.line) {
      const li = document.getElementById("L" + loc.line);
      if (li) { li.classList.add("hl"); li.scrollIntoView({block: "center"}); return; }
    }
    const img = document.getElementById("page-img");
    const page = loc.page || (rowsFor(loc)[0] || {dataset: {}}).dataset.page;
    if (img && page) {
      img.src = img.dataset.base + page + ".png";
      img.alt = `第 ${page} 页原文`;
      document.querySelectorAll(".page-link").forEach((a) => a.classList.toggle("current", a.dataset.page === String(page)));
      const mark = document.getElementById("page-mark");
      mark.hidden = false;
      mark.textContent = `第 ${page} 页`;
      const q = document.getElementById("page-quote");
      if (q) q.textContent = loc.quote ? `原文：${loc.quote}` : "";
      markOnPage(img, page, loc);
    }
  }

  // the finding's place on the PDF page: the server finds its text (quote, row name, code) and gives its box
  function markOnPage(img, page, loc) {
    const mark = document.getElementById("page-mark");
    const row = rowsFor(loc)[0];
    const texts = [loc.quote, row && row.dataset.name, row && row.dataset.code, loc.row].filter((t) => t);
    mark.classList.remove("boxed");
    mark.style.cssText = "";
    if (!texts.length) return;
    const params = new URLSearchParams();
    texts.forEach((t) => params.append("q", String(t).slice(0, 200)));
    fetch(img.dataset.base + page + "/find?" + params).then((r) => r.json()).then((box) => {
      if (!box) return;
      mark.classList.add("boxed");
      mark.style.left = (box.left * 100 - 1) + "%";
      mark.style.top = (box.top * 100 - 0.5) + "%";
      mark.style.width = ((box.right - box.left) * 100 + 2) + "%";
      mark.style.height = ((box.bottom - box.top) * 100 + 1) + "%";
      mark.textContent = "";
    }).catch(() => {});
  }

  function select(li) {
    document.querySelectorAll(".hl").forEach((e) => e.classList.remove("hl"));
    document.querySelectorAll(".finding[aria-pressed=true]").forEach((e) => e.setAttribute("aria-pressed", "false"));
    li.setAttribute("aria-pressed", "true");
    let locs = [];
    try { locs = JSON.parse(li.dataset.locs || "[]"); } catch (e) { locs = []; }
    let first = null;
    locs.forEach((loc) => {
      rowsFor(loc).forEach((tr) => {
        const cells = loc.column ? tr.querySelectorAll(`td[data-col="${CSS.escape(String(loc.column))}"]`) : [];
        const targets = cells.length ? Array.from(cells) : [tr];
        targets.forEach((c) => c.classList.add("hl"));
        first = first || targets[0];
      });
    });
    if (first) first.scrollIntoView({block: "center"});
    if (locs.length) showSource(locs.find((l) => l.table === null || l.table === undefined) || locs[0]);
    if (locs.length > 1) locs.forEach((l) => { if (l.line) { const e = document.getElementById("L" + l.line); if (e) e.classList.add("hl"); } });
  }

  function setupFindings() {
    document.querySelectorAll(".finding").forEach((li) => {
      li.addEventListener("click", () => select(li));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(li); } });
    });
    document.querySelectorAll(".page-link").forEach((a) => a.addEventListener("click", (e) => {
      e.preventDefault();
      showSource({page: a.dataset.page});
    }));
  }

  // ---- compare: sortable columns and the chart ---------------------------------------------------------------
  function setupSort() {
    const table = document.getElementById("compare-table");
    if (!table || !table.classList.contains("sortable")) return;  // a cut table sorts on the server (all rows)
    table.querySelectorAll("th").forEach((th, i) => th.querySelector("a").addEventListener("click", (e) => {
      e.preventDefault();
      const desc = th.dataset.sorted !== "desc";
      table.querySelectorAll("th").forEach((h) => delete h.dataset.sorted);
      th.dataset.sorted = desc ? "desc" : "asc";
      const body = table.tBodies[0];
      const rows = Array.from(body.rows);
      const val = (r) => { const v = r.cells[i].dataset.v; const n = parseFloat(v); return v === "" ? null : (isNaN(n) ? v : n); };
      rows.sort((a, b) => {
        const x = val(a), y = val(b);
        if (x === null) return 1; if (y === null) return -1;
        const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh");
        return desc ? -c : c;
      });
      rows.forEach((r) => body.appendChild(r));
    }));
  }

  function setupChart() {
    const data = document.getElementById("chart-data");
    const canvas = document.getElementById("chart");
    if (!data || !canvas || !window.Chart) return;
    const d = JSON.parse(data.textContent);
    canvas.parentElement.style.height = Math.max(160, 26 * d.labels.length + 60) + "px";
    Chart.defaults.font.family = "'Noto Sans CJK SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif";
    new Chart(canvas, {
      type: "bar",
      data: {labels: d.labels, datasets: [{label: "收支总计（万元）", data: d.values, backgroundColor: "#3b6ea5"}]},
      options: {indexAxis: d.labels.length > 1 && /年$/.test(d.labels[0]) ? "x" : "y", maintainAspectRatio: false,
                animation: false, plugins: {legend: {display: false}}},
    });
  }

  document.addEventListener("DOMContentLoaded", () => { setupUpload(); setupFindings(); setupSort(); setupChart(); });
})();
