/* policybot widget: a floating "Ask about policies" button and chat panel for any web page.
 *
 * Embed:  <script src="//HOST/widget.js" data-policybot-endpoint="//HOST" defer></script>
 *   data-policybot-endpoint  where the answer API lives (default: the origin this script came from)
 *   data-policybot-question  optional text to pre-fill the question box
 *
 * Safety: every piece of text from the service is put on the page with textContent or
 * createTextNode, never parsed as markup. The widget lives in a shadow root, so the page's CSS
 * does not reach it and its CSS does not reach the page. It holds no keys or secrets.
 * Including the script twice is harmless: the second copy sees the guard and does nothing.
 */
(() => {
  "use strict";
  const GUARD = "__policybotWidget";
  if (window[GUARD]) return;
  window[GUARD] = { version: 1 };

  const MAX_TURNS = 10;          // history the API accepts
  const MAX_TURN_CHARS = 4000;   // question + answer per history turn
  const TIMEOUT_MS = 30000;

  const script = document.currentScript ||
    Array.from(document.querySelectorAll("script[src]")).reverse()
      .find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  const data = (script && script.dataset) || {};
  const endpoint = (data.policybotEndpoint ||
    (script ? new URL(script.src, document.baseURI).origin : location.origin)).replace(/\/+$/, "");

  const CSS = `
    :host { all: initial !important; }
    * { box-sizing: border-box; }
    .root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
      color: #1f2933; }
    button, input { font: inherit; color: inherit; margin: 0; }
    .launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483647;
      width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer; padding: 0;
      background: #1d4ed8; color: #fff; font-size: 24px; font-weight: 700; line-height: 56px;
      box-shadow: 0 4px 14px rgba(0, 0, 0, .3); }
    .launcher:hover { background: #1e40af; }
    button:focus-visible, input:focus-visible, .cite:focus { outline: 3px solid #f59e0b;
      outline-offset: 2px; }
    .panel { position: fixed; right: 20px; bottom: 88px; z-index: 2147483647; width: 380px;
      max-width: calc(100vw - 40px); height: 560px; max-height: calc(100vh - 108px);
      display: flex; flex-direction: column; background: #fff; border-radius: 12px;
      border: 1px solid #d0d7de; box-shadow: 0 10px 30px rgba(0, 0, 0, .25); overflow: hidden; }
    .panel[hidden] { display: none; }
    .head { display: flex; align-items: center; justify-content: space-between; gap: 8px;
      padding: 10px 14px; background: #1d4ed8; color: #fff; }
    .head h2 { font-size: 15px; margin: 0; font-weight: 600; }
    .close { background: transparent; border: 0; color: #fff; font-size: 22px; line-height: 1;
      cursor: pointer; padding: 2px 6px; border-radius: 4px; }
    .log { flex: 1; overflow-y: auto; padding: 12px 14px; }
    .intro { color: #52606d; margin: 0 0 8px; }
    .q { margin: 12px 0 6px; padding: 8px 10px; background: #eef2ff; border-radius: 8px;
      font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere; }
    .a { margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .ref { background: none; border: 0; padding: 0 1px; color: #1d4ed8; cursor: pointer;
      text-decoration: underline; font-weight: 600; }
    .nc { margin: 0 0 6px; padding: 8px 10px; border-left: 4px solid #b45309;
      background: #fffbeb; border-radius: 4px; }
    .nc strong { display: block; color: #92400e; }
    .cites { margin: 4px 0 10px; padding-left: 22px; }
    .cite { margin: 0 0 8px; padding: 4px 6px; border-radius: 4px; }
    .cite.flash { background: #fef3c7; }
    .ct { font-weight: 600; overflow-wrap: anywhere; }
    .meta { color: #52606d; font-size: 12px; }
    .meta a { color: #1d4ed8; }
    .passage { margin: 4px 0 0; padding-left: 8px; border-left: 3px solid #d0d7de;
      color: #3e4c59; font-size: 13px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .status { padding: 0 14px; color: #52606d; min-height: 0; }
    .status:not(:empty) { padding: 6px 14px; }
    .error { margin: 0 14px 8px; padding: 8px 10px; background: #fef2f2; color: #991b1b;
      border: 1px solid #fecaca; border-radius: 6px; overflow-wrap: anywhere; }
    .error[hidden] { display: none; }
    form { display: flex; gap: 8px; padding: 10px 14px; border-top: 1px solid #e4e7eb; }
    input { flex: 1; min-width: 0; padding: 8px 10px; border: 1px solid #9aa5b1;
      border-radius: 6px; background: #fff; }
    .send { padding: 8px 14px; border: 0; border-radius: 6px; background: #1d4ed8; color: #fff;
      cursor: pointer; font-weight: 600; }
    .send:disabled { opacity: .6; cursor: progress; }
    @media (max-width: 480px) {
      .panel { left: 0; right: 0; top: 0; bottom: 0; width: 100%; max-width: 100%;
        height: 100%; max-height: 100%; border-radius: 0; border: 0; }
      .open .launcher { display: none; }
    }`;

  /** Element factory: attributes are set as properties or attributes, children as text. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === "className" || key === "textContent" || key === "hidden" || key === "type") {
        node[key] = value;
      } else {
        node.setAttribute(key, value);
      }
    }
    for (const child of children) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  const host = el("policybot-widget", { "data-policybot": "" });
  const shadow = host.attachShadow({ mode: "open" });
  shadow.append(el("style", { textContent: CSS }));

  const launcher = el("button", {
    type: "button", className: "launcher", "aria-label": "Ask about policies",
    title: "Ask about policies", "aria-expanded": "false", "aria-controls": "pb-panel",
  }, "?");
  const log = el("div", { className: "log", "aria-live": "polite", "aria-busy": "false" },
    el("p", { className: "intro" },
      "Ask a question about the federation's policy documents. Answers quote the documents " +
      "and list their sources."));
  const status = el("div", { className: "status", role: "status" });
  const error = el("div", { className: "error", role: "alert", hidden: true });
  const input = el("input", {
    type: "text", name: "question", "aria-label": "Your question", maxlength: "2000",
    autocomplete: "off", placeholder: "Ask about a policy…",
  });
  input.value = data.policybotQuestion || "";
  const send = el("button", { type: "submit", className: "send" }, "Send");
  const form = el("form", { "aria-label": "Ask a question" }, input, send);
  const close = el("button", {
    type: "button", className: "close", "aria-label": "Close", title: "Close",
  }, "×");
  const panel = el("div", {
    id: "pb-panel", className: "panel", role: "dialog", "aria-label": "Policy questions",
    hidden: true,
  }, el("div", { className: "head" }, el("h2", { textContent: "Policy questions" }), close),
  log, status, error, form);
  const root = el("div", { className: "root" }, panel, launcher);
  shadow.append(root);

  const history = [];
  let turnCount = 0;
  let busy = false;

  function open() {
    panel.hidden = false;
    root.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
  }

  function shut() {
    panel.hidden = true;
    root.classList.remove("open");
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }

  launcher.addEventListener("click", () => (panel.hidden ? open() : shut()));
  close.addEventListener("click", shut);
  shadow.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      shut();
    }
  });

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function setBusy(on) {
    busy = on;
    send.disabled = on;
    log.setAttribute("aria-busy", String(on));
    panel.setAttribute("aria-busy", String(on));
    status.textContent = on ? "Searching the documents…" : "";
  }

  /** The answer text with each [n] marker as a button that scrolls to and focuses citation n. */
  function answerNode(text, ids) {
    const p = el("p", { className: "a" });
    let last = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const target = ids.get(Number(match[1]));
      if (!target) continue;
      p.append(document.createTextNode(text.slice(last, match.index)));
      const ref = el("button", {
        type: "button", className: "ref", "aria-label": `Source ${match[1]}`,
      }, match[0]);
      ref.addEventListener("click", () => {
        const cite = shadow.getElementById(target);
        cite.scrollIntoView({ block: "nearest", behavior: "smooth" });
        cite.focus({ preventScroll: true });
        cite.classList.add("flash");
        setTimeout(() => cite.classList.remove("flash"), 1500);
      });
      p.append(ref);
      last = match.index + match[0].length;
    }
    p.append(document.createTextNode(text.slice(last)));
    return p;
  }

  function safeLink(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (_) {
      return null;
    }
  }

  function citationList(citations, ids) {
    const list = el("ol", { className: "cites", "aria-label": "Sources" });
    for (const c of citations) {
      const meta = el("div", { className: "meta" });
      const bits = [c.date, c.issuer, c.page ? `page ${c.page}` : null, c.source].filter(Boolean);
      meta.append(document.createTextNode(bits.join(" · ")));
      const href = c.url && safeLink(c.url);
      if (href) {
        meta.append(document.createTextNode(" · "), el("a", {
          href, target: "_blank", rel: "noopener noreferrer",
        }, "open"));
      }
      list.append(el("li", { id: ids.get(c.n), className: "cite", tabindex: "-1", value: String(c.n) },
        el("div", { className: "ct" }, String(c.title || c.source || c.doc_id)), meta,
        el("blockquote", { className: "passage" }, String(c.text || ""))));
    }
    return list;
  }

  function renderAnswer(body) {
    turnCount += 1;
    const citations = Array.isArray(body.citations) ? body.citations : [];
    const ids = new Map(citations.map((c) => [Number(c.n), `pb-t${turnCount}-c${Number(c.n)}`]));
    const turn = el("div", { className: "turn" });
    if (body.abstained) {
      turn.append(el("div", { className: "nc" },
        el("strong", {}, "Not covered by our documents"), String(body.answer || "")));
    } else {
      turn.append(answerNode(String(body.answer || ""), ids));
      if (citations.length) turn.append(citationList(citations, ids));
    }
    return turn;
  }

  function errorText(status, body) {
    const detail = body && body.detail;
    if (typeof detail === "string" && detail) return detail;
    if (Array.isArray(detail)) {
      const messages = detail.map((d) => (d && d.msg) || "").filter(Boolean);
      if (messages.length) return messages.join("; ");
    }
    return `The policy service answered with status ${status}.`;
  }

  async function ask(question) {
    setBusy(true);
    error.hidden = true;
    const asked = el("p", { className: "q" }, question);
    log.append(asked);
    log.scrollTop = log.scrollHeight;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch(`${endpoint}/api/ask`, {
          method: "POST", mode: "cors", credentials: "omit", signal: controller.signal,
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({ question, top_k: 5, history: history.slice(-MAX_TURNS) }),
        });
      } catch (_) {
        showError("The policy service could not be reached. Please try again later.");
        return;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (!response.ok || !body) {
        showError(`Sorry, the question could not be answered: ${errorText(response.status, body)}`);
        return;
      }
      log.append(renderAnswer(body));
      history.push({ question, answer: String(body.answer || "").slice(0, MAX_TURN_CHARS - question.length) });
      if (history.length > MAX_TURNS) history.shift();
    } finally {
      clearTimeout(timer);
      setBusy(false);
      log.scrollTop = asked.offsetTop - log.offsetTop - 8;  // the new question at the top
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question || busy) return;
    input.value = "";
    ask(question);
  });

  const mount = () => document.body.append(host);
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
