// The browser edition: the documents are made in this browser, by the
// WebAssembly in worker.js (off the page's thread, so typing never waits).
// preview.js asks through window.handoutLocal, which answers as the web
// server would (a fetch Response), so the page's script is the same.
"use strict";

(function () {
  const worker = new Worker("worker.js", { type: "module" });
  let next = 0;
  const waiting = new Map();
  worker.onmessage = (event) => {
    if (event.data.ready) {
      window.handoutLocal.ready = event.data.ready;
      return;
    }
    const done = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if (done) done(event.data);
  };
  worker.onerror = (event) => {
    for (const done of waiting.values()) done({ status: 500, errors: failed(String(event.message || event)) });
    waiting.clear();
  };

  function failed(message) {
    return JSON.stringify({ errors: [{ field: null, label: null, message: message, detail: null }] });
  }

  // Today in this computer's calendar: which edition "choose by itself" prints.
  function today() {
    const d = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // The form as the worker takes it: its text fields urlencoded, the logo apart.
  async function ask(kind, data) {
    const fields = new URLSearchParams();
    let logo = null;
    for (const [k, v] of data) {
      if (typeof v === "string") fields.append(k, v);
      else if (k === "org_logo" && v.size + v.name.length > 0) logo = v;
    }
    const message = { id: ++next, kind: kind, fields: fields.toString(), today: today(), logoName: null, logo: null };
    if (logo) {
      message.logoName = logo.name;
      message.logo = await logo.arrayBuffer();
    }
    const started = performance.now();
    const answer = await new Promise((resolve) => {
      waiting.set(message.id, resolve);
      worker.postMessage(message, message.logo ? [message.logo] : []);
    });
    // How long each took, for whoever measures the page (its test).
    window.handoutLocal.times.push({ kind: kind, ms: performance.now() - started });
    return respond(answer);
  }

  function respond(a) {
    if (a.status !== 200) {
      return new Response(a.errors, { status: a.status, headers: { "Content-Type": "application/json" } });
    }
    const headers = {
      "Content-Type": a.mime,
      "X-Pages": String(a.pages),
      "X-Caption": encodeURIComponent(a.caption || ""),
      "X-File-Name": a.name || "",
    };
    return new Response(a.bytes, { status: 200, headers: headers });
  }

  // What a deadline means today (the page was written on another day):
  // which edition "choose by itself" prints, and whether each campaign's
  // deadline has passed.
  for (const el of document.querySelectorAll("[data-deadline]")) {
    if (el.dataset.deadline) el.textContent = today() >= el.dataset.deadline ? el.dataset.after : el.dataset.before;
  }

  window.handoutLocal = {
    preview: (data) => ask("preview", data),
    download: (data) => ask("download", data),
    times: [],
  };

  // Open next time without a network too.
  if ("serviceWorker" in navigator && location.protocol !== "file:") {
    navigator.serviceWorker.register("sw.js").catch(() => {});
  }
})();
