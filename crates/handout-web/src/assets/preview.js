// The live preview: after a change to the form, ask for the first
// document's pages as images and show them, or show what must change next
// to its field. With `handout serve` the server makes them (and the form
// works without this script; it only saves pressing "show preview"). In
// the browser edition (the form says data-local) site.js makes them in
// this browser, and the download is made here too.
"use strict";

(function () {
  const form = document.getElementById("order");
  const pages = document.getElementById("preview-pages");
  const status = document.getElementById("preview-status");
  const section = pages && pages.closest("section");
  if (!form || !pages || !status) return;

  let timer = null;
  let generation = 0;
  let urls = [];

  function fields() {
    const data = new FormData(form);
    data.delete("page");
    return data;
  }

  const local = form.dataset.local ? window.handoutLocal : null;

  // Page n of the form's first document, as a fetch Response would say it.
  async function page(n, data, mine) {
    const body = new FormData();
    for (const [k, v] of data) body.append(k, v);
    body.set("page", String(n));
    const r = local
      ? await local.preview(body)
      : await fetch("/preview", {
          method: "POST",
          body: body,
          headers: { Accept: "image/png, application/json" },
        });
    if (mine !== generation) return null;
    return r;
  }

  function clearErrors() {
    for (const box of form.querySelectorAll("div.errors")) box.replaceChildren();
    for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  }

  function showErrors(errors) {
    let first = true;
    for (const e of errors) {
      const box = e.field && form.querySelector('div.errors[data-field="' + CSS.escape(e.field) + '"]');
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = e.message;
      const target = box || status;
      if (box) {
        box.append(p);
        const holder = box.closest("fieldset, div.field");
        if (holder) holder.classList.add("invalid");
      } else if (first) {
        target.textContent = e.message;
        first = false;
      }
    }
  }

  async function refresh() {
    const mine = ++generation;
    const data = fields();
    section.setAttribute("aria-busy", "true");
    status.textContent = status.dataset.busy;
    try {
      const r = await page(1, data, mine);
      if (!r) return;
      clearErrors();
      if (!r.ok) {
        const type = r.headers.get("Content-Type") || "";
        const errors = type.includes("json") ? (await r.json()).errors : [{ field: null, message: await r.text() }];
        pages.replaceChildren();
        status.textContent = status.dataset.empty;
        showErrors(errors);
        return;
      }
      const count = Number(r.headers.get("X-Pages") || "1");
      const blobs = [await r.blob()];
      for (let n = 2; n <= count; n++) {
        const next = await page(n, data, mine);
        if (!next || !next.ok) return;
        blobs.push(await next.blob());
      }
      if (mine !== generation) return;
      for (const u of urls) URL.revokeObjectURL(u);
      urls = blobs.map((b) => URL.createObjectURL(b));
      const caption = decodeURIComponent(r.headers.get("X-Caption") || "");
      pages.replaceChildren(
        ...urls.map((u, i) => {
          const img = document.createElement("img");
          img.src = u;
          img.alt = caption + " – " + (i + 1) + "/" + count;
          if (count > 1) img.className = "many";
          return img;
        })
      );
      status.textContent = caption;
    } catch (e) {
      status.textContent = String(e);
    } finally {
      if (mine === generation) section.removeAttribute("aria-busy");
    }
  }

  // A help text per language: show the boxes of the languages ticked.
  function helpBoxes() {
    for (const box of form.querySelectorAll("div.field[data-lang]")) {
      const tick = form.querySelector('input[name="lang"][value="' + CSS.escape(box.dataset.lang) + '"]');
      box.hidden = !!tick && !tick.checked && !box.querySelector("textarea").value;
    }
  }
  form.addEventListener("change", helpBoxes);
  helpBoxes();

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 600);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  if (local) {
    // No server to send the form to: make the file here and save it.
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      await deliver(await local.download(fields()));
      const first = form.querySelector(".invalid");
      if (first) first.scrollIntoView({ block: "center" });
    });
  }
  if (form.dataset.own) editor();

  // The editor of a handout of one's own: a step more where a route has
  // none left empty; in the browser edition, saving and opening the file
  // here, and a draft kept on this computer across a reload.
  function editor() {
    for (const route of form.querySelectorAll("fieldset.route")) {
      for (const item of route.querySelectorAll("ol.steps > li")) stepButtons(item);
      const add = document.createElement("button");
      add.type = "button";
      add.className = "secondary add-step";
      add.textContent = form.dataset.addStep || "+";
      add.addEventListener("click", () => {
        const input = addStep(route);
        if (input) input.focus();
      });
      route.append(add);
    }
    iconButtons();
    if (!local) return;
    const KEY = "handout-own-draft";
    const draft = localStorage.getItem(KEY);
    if (draft) {
      try {
        fill(JSON.parse(draft));
      } catch (e) {
        localStorage.removeItem(KEY);
      }
    }
    form.addEventListener("input", () => {
      const pairs = [];
      for (const [k, v] of new FormData(form)) if (typeof v === "string") pairs.push([k, v]);
      localStorage.setItem(KEY, JSON.stringify(pairs));
    });
    document.getElementById("save-button").addEventListener("click", async () => {
      const data = fields();
      data.set("save", "1");
      deliver(await local.download(data));
    });
    document.getElementById("open-button").addEventListener("click", async () => {
      const file = form.elements.own_file.files[0];
      if (!file) return;
      const data = fields();
      data.set("own_file", await file.text());
      data.set("open", "1");
      const r = await local.download(data);
      clearErrors();
      if (!r.ok) return showErrors((await r.json()).errors);
      fill((await r.json()).fields);
      form.elements.own_file.value = "";
      soon();
    });
  }

  // Each icon of the list becomes a button that puts its code into the
  // text field last typed in (the first step, before any), where the
  // caret was, with a space before it.
  function iconButtons() {
    const box = form.querySelector("fieldset.icons");
    if (!box) return;
    let last = null;
    form.addEventListener("focusin", (event) => {
      const t = event.target;
      if ((t.type === "text" || t.tagName === "TEXTAREA") && t.name.startsWith("own_")) last = t;
    });
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.textContent = box.dataset.pick;
    box.querySelector("ul").before(hint);
    for (const item of box.querySelectorAll("li[data-icon]")) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "secondary icon-pick";
      b.append(...item.childNodes);
      b.addEventListener("click", () => {
        const field = last || form.querySelector("ol.steps input");
        if (!field) return;
        const code = "{icon:" + item.dataset.icon + "}";
        const at = field.selectionStart ?? field.value.length;
        const before = field.value.slice(0, at);
        const gap = before && !before.endsWith(" ") ? " " : "";
        field.value = before + gap + code + field.value.slice(at);
        field.focus();
        field.setSelectionRange(at + gap.length + code.length, at + gap.length + code.length);
        form.dispatchEvent(new Event("input"));
      });
      item.append(b);
    }
  }

  // Up, down and remove beside a step. They move the texts, not the
  // fields, so the fields keep their order and numbers.
  function stepButtons(item) {
    const kinds = [
      ["up", form.dataset.stepUp, -1],
      ["down", form.dataset.stepDown, 1],
      ["remove", form.dataset.stepRemove, 0],
    ];
    const box = document.createElement("div");
    box.className = "step-tools";
    for (const [kind, words, by] of kinds) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "secondary step-" + kind;
      b.textContent = words;
      b.addEventListener("click", () => {
        const items = [...item.parentElement.children];
        const values = items.map((li) => li.querySelector("input").value);
        const i = items.indexOf(item);
        if (by === 0) {
          values.splice(i, 1);
          values.push("");
        } else if (values[i + by] !== undefined) {
          [values[i], values[i + by]] = [values[i + by], values[i]];
        }
        items.forEach((li, n) => (li.querySelector("input").value = values[n]));
        form.dispatchEvent(new Event("input"));
      });
      const label = item.querySelector("label").textContent;
      b.setAttribute("aria-label", label + ": " + words);
      box.append(b);
    }
    item.querySelector("div.field").append(box);
  }

  // A route's next step field, made like the last one.
  function addStep(route) {
    const list = route.querySelector("ol.steps");
    const last = list.lastElementChild;
    const n = list.children.length + 1;
    if (!last || n > Number(form.dataset.maxSteps || 12)) return null;
    const item = last.cloneNode(true);
    const input = item.querySelector("input");
    const name = input.name.replace(/_step_\d+$/, "_step_" + n);
    input.name = name;
    input.id = "f-" + name;
    input.value = "";
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", "e-" + name);
    const label = item.querySelector("label");
    label.htmlFor = input.id;
    label.textContent = label.textContent.replace(/\d+/, String(n));
    const errors = item.querySelector("div.errors");
    errors.id = "e-" + name;
    errors.dataset.field = name;
    errors.replaceChildren();
    const tools = item.querySelector("div.step-tools");
    if (tools) tools.remove();
    list.append(item);
    stepButtons(item);
    return input;
  }

  // Put saved fields back: text as it was, choices ticked as they were.
  function fill(pairs) {
    const values = new Map();
    for (const [k, v] of pairs) values.set(k, (values.get(k) || []).concat([v]));
    for (const [name, vs] of values) {
      const step = /^own_route_(\d)_step_(\d+)$/.exec(name);
      if (step) {
        const route = form.querySelector('fieldset.route[data-route="' + step[1] + '"]');
        while (route && !form.elements[name] && addStep(route)) {}
      }
    }
    for (const el of form.elements) {
      if (!el.name || el.type === "file" || el.type === "hidden" || el.type === "submit" || el.type === "button") continue;
      // A file holds only the handout's own fields: the rest stays.
      if (!values.has(el.name) && !el.name.startsWith("own_")) continue;
      const vs = values.get(el.name);
      if (el.type === "checkbox" || el.type === "radio") el.checked = !!vs && vs.includes(el.value);
      else el.value = vs ? vs[0] : "";
    }
  }

  // A file made here, saved as the browser saves downloads.
  async function deliver(r) {
    clearErrors();
    if (!r.ok) return showErrors((await r.json()).errors);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(await r.blob());
    a.download = r.headers.get("X-File-Name");
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 60000);
  }

  const button = document.getElementById("preview-button");
  if (button) {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      refresh();
    });
  }
  // An empty editor has nothing to show yet, and nothing to complain of.
  if (!form.dataset.own || (form.elements.own_title && form.elements.own_title.value)) refresh();
})();
