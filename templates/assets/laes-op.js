// "Læs op" on meeting pages: reads the minutes aloud with the browser's own speech synthesis
// (window.speechSynthesis) and a Danish voice; no third-party service. The button exists only
// when the browser offers a Danish voice: the placeholder `[data-laes-op]` stays hidden otherwise,
// and without JavaScript. Voices may arrive late (Chrome), hence `voiceschanged`.

const READ = "Læs op";
const STOP = "Stop oplæsning";

// The blocks read aloud, in page order; navigation, hidden search data and "#" links are skipped.
const BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, td, th";
const SKIP = "[data-pagefind-ignore], [hidden], .visually-hidden, .laes-op, script, style";

/** @param {SpeechSynthesisVoice[]} voices */
export function danishVoice(voices) {
  const danish = voices.filter((voice) => voice.lang.toLowerCase().replace("_", "-").startsWith("da"));
  return danish.find((voice) => voice.localService) ?? danish[0];
}

/**
 * The texts to read: one per block, so that no utterance grows long (Chrome cuts long ones off).
 * @param {Element} article
 */
export function textsToRead(article) {
  /** @type {string[]} */
  const texts = [];
  for (const block of article.querySelectorAll(BLOCKS)) {
    if (block.closest(SKIP)) continue;
    // A list item inside a block already read is read with it.
    if (block.parentElement?.closest(BLOCKS) && article.contains(block.parentElement.closest(BLOCKS))) continue;
    const text = /** @type {HTMLElement} */ (block).innerText.replace(/\s+/g, " ").trim();
    if (text) texts.push(text);
  }
  return texts;
}

function setUp() {
  const holder = document.querySelector("[data-laes-op]");
  const article = document.querySelector("article[data-pagefind-body]") ?? document.querySelector("main");
  if (!(holder instanceof HTMLElement) || !article || !("speechSynthesis" in window)) return;
  const synth = window.speechSynthesis;
  /** @type {HTMLButtonElement | undefined} */
  let button;

  const stop = () => {
    synth.cancel();
    if (button) {
      button.textContent = READ;
      button.dataset.state = "stopped";
    }
  };

  const offer = () => {
    const voice = danishVoice(synth.getVoices());
    if (!voice || button) return;
    button = document.createElement("button");
    button.type = "button";
    button.className = "laes-op-knap";
    button.textContent = READ;
    button.dataset.state = "stopped";
    button.addEventListener("click", () => {
      if (!button) return;
      if (button.dataset.state === "reading") {
        stop();
        return;
      }
      synth.cancel();
      const texts = textsToRead(article);
      button.textContent = STOP;
      button.dataset.state = "reading";
      texts.forEach((text, index) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = voice.lang;
        try {
          utterance.voice = voice;
        } catch {
          // Not a SpeechSynthesisVoice (a stand-in): the language alone picks the voice.
        }
        if (index === texts.length - 1) utterance.addEventListener("end", () => stop());
        synth.speak(utterance);
      });
    });
    holder.append(button);
    holder.hidden = false;
  };

  offer();
  synth.addEventListener?.("voiceschanged", offer);
  // Leaving the page stops the voice: it would otherwise read on over the next page.
  window.addEventListener("pagehide", () => synth.cancel());
}

if (typeof document !== "undefined") setUp();
