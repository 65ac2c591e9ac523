/* policybot widget: a floating "Ask about policies" button and chat panel for any web page.
 *
 * Embed:  <script src="//HOST/widget.js" data-policybot-endpoint="//HOST" defer></script>
 *   data-policybot-endpoint  where the answer API lives (default: the origin this script came from)
 *   data-policybot-question  optional text to pre-fill the question box
 *   data-policybot-lang      "zh" or "en": the widget's language (default: the browser's,
 *                            navigator.languages; anything but Chinese is English)
 *
 * Language: the widget's own words come from WORDS below in the widget's language; each answer's
 * words (the "not covered" state, the note on quotes in another language, errors) follow the
 * question's language, as the service does (the answer's `lang`; textLanguage for errors).
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
  window[GUARD] = { version: 2 };

  const MAX_TURNS = 10;          // history the API accepts
  const MAX_TURN_CHARS = 4000;   // question + answer per history turn
  const TIMEOUT_MS = 30000;

  const script = document.currentScript ||
    Array.from(document.querySelectorAll("script[src]")).reverse()
      .find((s) => /\/widget\.js(?:[?#]|$)/.test(s.src));
  const data = (script && script.dataset) || {};
  const endpoint = (data.policybotEndpoint ||
    (script ? new URL(script.src, document.baseURI).origin : location.origin)).replace(/\/+$/, "");

  // Every word the widget shows: [English, simplified Chinese]; {name} is filled in by say().
  const WORDS = {
    launcher: ["Ask about policies", "咨询政策问题"],
    title: ["Policy questions", "政策问答"],
    intro: ["Ask a question about the federation's policy documents. Answers quote the documents " +
      "and list their sources.", "请就联合会的政策文件提问。答案直接引用文件原文，并列出出处。"],
    question: ["Your question", "您的问题"],
    placeholder: ["Ask about a policy…", "请输入政策问题…"],
    send: ["Send", "发送"],
    form: ["Ask a question", "提问"],
    close: ["Close", "关闭"],
    searching: ["Searching the documents…", "正在检索文件…"],
    source: ["Source {n}", "来源 {n}"],
    sources: ["Sources", "来源"],
    page: ["page {n}", "第 {n} 页"],
    open: ["open", "打开原文"],
    notCovered: ["Not covered by our documents", "我们的文件未涉及此问题"],
    otherNote: ["Quotes marked “Chinese original” come from Chinese documents and are not translated.",
      "标有“英文原文”的引文摘自英文文件，保留原文，未经翻译。"],
    otherBadge: ["Chinese original", "英文原文"],
    // Whether a quote answers the question or is only on its topic (citations[].confidence).
    direct: ["answers the question", "直接回答"],
    related: ["related passage", "相关内容"],
    relatedNote: ["These passages are on your question's topic but may not answer it directly.",
      "以下段落与您的问题相关，但可能没有直接回答。"],
    unreachable: ["The policy service could not be reached. Please try again later.",
      "无法连接政策问答服务，请稍后再试。"],
    failed: ["Sorry, the question could not be answered: {detail}", "抱歉，无法回答这个问题：{detail}"],
    status: ["The policy service answered with status {status}.", "政策问答服务返回了状态码 {status}。"],
    // A cited document's status on the question's day (citations[].status); "unknown" shows none.
    in_force: ["In force", "现行有效"],
    expired: ["Expired", "已失效"],
    superseded: ["Replaced", "已被取代"],
    not_yet_effective: ["Not yet in force", "尚未生效"],
  };
  const LANGS = ["en", "zh"];
  const langOf = (tag) => {
    const primary = String(tag || "").trim().replace("_", "-").split("-")[0].toLowerCase();
    return LANGS.includes(primary) ? primary : null;
  };
  const browserLangs = [navigator.language, ...(navigator.languages || [])].map(langOf);
  const uiLang = langOf(data.policybotLang) || browserLangs.find(Boolean) || "en";
  const say = (lang, key, fields) => WORDS[key][lang === "zh" ? 1 : 0]
    .replace(/\{(\w+)\}/g, (_, name) => String((fields || {})[name]));
  const BCP47 = { en: "en", zh: "zh-CN" };

  /** The language of a text, by the service's rule (bot/language.py): two CJK ideographs count
   * as one word; Chinese when more than half of the words are Chinese; `fallback` with neither. */
  const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ebef}]/gu;
  function textLanguage(text, fallback) {
    const ideographs = (String(text).match(IDEOGRAPH) || []).length;
    const words = (String(text).match(/[A-Za-z\u00c0-\u024f]+/g) || []).length;
    if (!ideographs && !words) return fallback;
    return ideographs / 2 / (ideographs / 2 + words) > 0.5 ? "zh" : "en";
  }
  Object.assign(window[GUARD], { lang: uiLang, textLanguage });

  const CSS = `
    :host { all: initial !important; }
    * { box-sizing: border-box; }
    .root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, "PingFang SC",
      "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2933; }
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
    .badge { display: inline-block; margin-left: 6px; padding: 0 5px; border-radius: 3px;
      background: #e0e7ff; color: #3730a3; font-size: 11px; font-weight: 600; }
    .badge.ok { background: #dcfce7; color: #166534; }
    .badge.warn { background: #fee2e2; color: #991b1b; }
    .conf { margin-left: 6px; padding: 0 5px; border-radius: 3px; background: #f1f5f9; color: #475569; }
    .conf.direct { background: #dbeafe; color: #1e3a8a; }
    .note, .hint { margin: 0 0 4px; color: #52606d; font-size: 12px; font-style: italic; }
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

  const ui = (key) => say(uiLang, key);
  const launcher = el("button", {
    type: "button", className: "launcher", "aria-label": ui("launcher"),
    title: ui("launcher"), "aria-expanded": "false", "aria-controls": "pb-panel",
  }, "?");
  const log = el("div", { className: "log", "aria-live": "polite", "aria-busy": "false" },
    el("p", { className: "intro" }, ui("intro")));
  const status = el("div", { className: "status", role: "status" });
  const error = el("div", { className: "error", role: "alert", hidden: true });
  const input = el("input", {
    type: "text", name: "question", "aria-label": ui("question"), maxlength: "2000",
    autocomplete: "off", placeholder: ui("placeholder"),
  });
  input.value = data.policybotQuestion || "";
  const send = el("button", { type: "submit", className: "send" }, ui("send"));
  const form = el("form", { "aria-label": ui("form") }, input, send);
  const close = el("button", {
    type: "button", className: "close", "aria-label": ui("close"), title: ui("close"),
  }, "×");
  const panel = el("div", {
    id: "pb-panel", className: "panel", role: "dialog", "aria-label": ui("title"),
    hidden: true,
  }, el("div", { className: "head" }, el("h2", { textContent: ui("title") }), close),
  log, status, error, form);
  const root = el("div", { className: "root", lang: BCP47[uiLang] }, panel, launcher);
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
    status.textContent = on ? ui("searching") : "";
  }

  /** The answer text with each [n] marker as a button that scrolls to and focuses citation n. */
  function answerNode(text, ids, lang) {
    const p = el("p", { className: "a" });
    let last = 0;
    for (const match of text.matchAll(/\[(\d+)\]/g)) {
      const target = ids.get(Number(match[1]));
      if (!target) continue;
      p.append(document.createTextNode(text.slice(last, match.index)));
      const ref = el("button", {
        type: "button", className: "ref", "aria-label": say(lang, "source", { n: match[1] }),
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

  /** A quote keeps its own language; one in another language than the answer gets a badge. */
  const quoteLang = (c, lang) => langOf(c.lang) || textLanguage(c.text || "", lang);

  /** The badge for a cited document's status; none for "unknown" or anything unexpected. */
  function statusWord(lang, status) {
    const words = {
      in_force: say(lang, "in_force"), expired: say(lang, "expired"),
      superseded: say(lang, "superseded"), not_yet_effective: say(lang, "not_yet_effective"),
    };
    return Object.prototype.hasOwnProperty.call(words, status) ? words[status] : null;
  }

  function citationList(citations, ids, lang) {
    const list = el("ol", { className: "cites", "aria-label": say(lang, "sources") });
    for (const c of citations) {
      const meta = el("div", { className: "meta" });
      const page = c.page ? say(lang, "page", { n: c.page }) : null;
      const bits = [c.doc_number, c.issuer, c.date, page, c.source].filter(Boolean);
      meta.append(document.createTextNode(bits.join(" · ")));
      const status = statusWord(lang, c.status);
      if (status) {
        meta.append(el("span", { className: c.status === "in_force" ? "badge ok" : "badge warn" }, status));
      }
      const href = c.url && safeLink(c.url);
      if (href) {
        meta.append(document.createTextNode(" · "), el("a", {
          href, target: "_blank", rel: "noopener noreferrer",
        }, say(lang, "open")));
      }
      const original = quoteLang(c, lang);
      if (original !== lang) meta.append(el("span", { className: "badge" }, say(lang, "otherBadge")));
      meta.append(c.confidence === "direct" ? el("span", { className: "conf direct" }, say(lang, "direct"))
        : el("span", { className: "conf" }, say(lang, "related")));
      list.append(el("li", { id: ids.get(c.n), className: "cite", tabindex: "-1", value: String(c.n) },
        el("div", { className: "ct" }, String(c.title || c.source || c.doc_id)), meta,
        el("blockquote", { className: "passage", lang: BCP47[original] }, String(c.text || ""))));
    }
    return list;
  }

  function renderAnswer(body, question) {
    turnCount += 1;
    const lang = langOf(body.lang) || textLanguage(question, uiLang);
    const citations = Array.isArray(body.citations) ? body.citations : [];
    const ids = new Map(citations.map((c) => [Number(c.n), `pb-t${turnCount}-c${Number(c.n)}`]));
    const turn = el("div", { className: "turn", lang: BCP47[lang] });
    if (body.abstained) {
      turn.append(el("div", { className: "nc" },
        el("strong", {}, say(lang, "notCovered")), String(body.answer || "")));
    } else {
      turn.append(answerNode(String(body.answer || ""), ids, lang));
      if (body.confidence === "related") turn.append(el("p", { className: "hint" }, say(lang, "relatedNote")));
      if (citations.some((c) => quoteLang(c, lang) !== lang)) {
        turn.append(el("p", { className: "note" }, say(lang, "otherNote")));
      }
      if (citations.length) turn.append(citationList(citations, ids, lang));
    }
    return turn;
  }

  function errorText(status, body, lang) {
    const detail = body && body.detail;
    if (typeof detail === "string" && detail) return detail;
    if (Array.isArray(detail)) {
      const messages = detail.map((d) => (d && d.msg) || "").filter(Boolean);
      if (messages.length) return messages.join("; ");
    }
    return say(lang, "status", { status });
  }

  async function ask(question) {
    setBusy(true);
    error.hidden = true;
    const lang = textLanguage(question, uiLang);  // for errors; an answer says its own language
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
        showError(say(lang, "unreachable"));
        return;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (!response.ok || !body) {
        showError(say(lang, "failed", { detail: errorText(response.status, body, lang) }));
        return;
      }
      log.append(renderAnswer(body, question));
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
