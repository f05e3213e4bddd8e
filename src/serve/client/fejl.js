// `referat serve` only (never in a built site): shows the build's problems over the page while an
// edit has errors, and takes them away when the file is fixed. The problems come from
// /.referat/fejl.json when the page loads and then over the dev server's live-reload WebSocket
// ({ type: "referat.problems", lines, count }). A fixed file also reloads the page (the dev
// server's own client does that). Every text is set with textContent: a problem quotes what the
// secretary wrote, and that is never read as HTML.
const STATE = "/.referat/fejl.json";
const ID = "referat-fejl";
/** Bumped by each render: a late answer from STATE never overwrites a newer message. */
let version = 0;

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 */
function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {{ lines?: unknown, count?: unknown } | null | undefined} state what /.referat/fejl.json or the WebSocket sent */
function render(state) {
  version++;
  const old = document.getElementById(ID);
  const lines = Array.isArray(state?.lines) ? state.lines : [];
  if (lines.length === 0) {
    old?.remove();
    return;
  }
  const box = element("section", { id: ID, role: "alert", "aria-labelledby": `${ID}-titel`, lang: "da" });
  box.append(element("h2", { id: `${ID}-titel` }, "Siden er ikke opdateret: der er fejl i indholdet"));
  box.append(
    element("p", {}, "Ret fejlene herunder og gem filen. Beskeden forsvinder af sig selv, når alt er i orden. Indtil da vises den sidste gode udgave."),
  );
  const list = element("ul");
  for (const line of lines.map(String)) {
    // "path:line:col: field: message": the place in code type, the rest as text; the item's text is the terminal's line.
    const place = /^(.+?:\d+:\d+): /.exec(line);
    const item = element("li");
    if (place) item.append(element("code", {}, place[1]), document.createTextNode(line.slice(place[1].length)));
    else item.textContent = line;
    list.append(item);
  }
  box.append(list);
  if (typeof state?.count === "string" && state.count) box.append(element("p", { class: `${ID}-antal` }, state.count));
  const hide = element("button", { type: "button" }, "Skjul beskeden");
  hide.addEventListener("click", () => box.remove());
  box.append(hide);
  if (old) old.replaceWith(box);
  else document.body.prepend(box);
}

async function load() {
  const mine = version;
  try {
    const response = await fetch(STATE, { cache: "no-store" });
    const state = await response.json();
    if (mine === version) render(state);
  } catch {
    // The server is gone (stopped): nothing to show.
  }
}

let delay = 1000;
function listen() {
  const socket = new WebSocket(`${location.protocol.replace("http", "ws")}//${location.host}`);
  socket.addEventListener("open", () => {
    delay = 1000;
    void load(); // what changed while the connection was down
  });
  socket.addEventListener("message", (event) => {
    try {
      const data = JSON.parse(event.data);
      if (data?.type === "referat.problems") render(data);
    } catch {
      // not ours
    }
  });
  socket.addEventListener("close", () => {
    setTimeout(listen, delay);
    delay = Math.min(delay * 2, 30_000);
  });
}

function start() {
  void load();
  listen();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
