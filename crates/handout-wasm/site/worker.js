// The documents are made here, off the page's thread: the WebAssembly of
// handout-wasm, with the data, layouts and fonts built in. Nothing leaves
// this browser: there is no fetch here but the WebAssembly file itself.
import init, { Maker } from "./handout_wasm.js";

const started = performance.now();
const ready = init({ module_or_path: new URL("handout_wasm_bg.wasm", import.meta.url) }).then(() => {
  const loaded = performance.now();
  const maker = new Maker();
  // How long starting took, for whoever measures the page (its test).
  self.postMessage({ ready: { wasm: loaded - started, project: performance.now() - loaded } });
  return maker;
});

self.onmessage = async (event) => {
  const m = event.data;
  let answer;
  try {
    const maker = await ready;
    const logo = m.logo ? new Uint8Array(m.logo) : undefined;
    const made = m.kind === "download"
      ? maker.download(m.fields, m.logoName ?? undefined, logo, m.today)
      : maker.preview(m.fields, m.logoName ?? undefined, logo, m.today);
    const bytes = made.takeBytes();
    answer = {
      id: m.id,
      status: made.status,
      name: made.name,
      mime: made.mime,
      caption: made.caption,
      pages: made.pages,
      errors: made.errors,
      bytes: bytes.buffer,
    };
    made.free();
    self.postMessage(answer, [answer.bytes]);
  } catch (e) {
    const message = "The page could not make this: " + String(e && e.message ? e.message : e);
    const errors = JSON.stringify({ errors: [{ field: null, label: null, message: message, detail: null }] });
    self.postMessage({ id: m.id, status: 500, errors: errors });
  }
};
