// Loads the background module (exports and imports, src/bin/worker.rs) inside a Web Worker, and
// tells the page when it cannot: the page then shows the reason with a Retry button. Jobs that
// arrive while the module loads are kept and handed to it once it listens.
const failed = (e) => postMessage(JSON.stringify({ loadError: String((e && e.message) || e) }));
const early = [];
self.onmessage = (e) => early.push(e.data);
try {
  importScripts('./worker.js');
  wasm_bindgen({ module_or_path: './worker_bg.wasm' })
    .then(() => { for (const data of early.splice(0)) self.dispatchEvent(new MessageEvent('message', { data })); })
    .catch(failed);
} catch (e) {
  failed(e);
}
