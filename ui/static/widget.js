/* policybot widget: a floating "Ask about policies" button and chat panel for any web page.
 *
 * Embed:  <script src="//HOST/widget.js" data-policybot-endpoint="//HOST" defer></script>
 *   data-policybot-endpoint  where the answer API lives (default: the origin this script came from)
 *   data-policybot-question  optional text to pre-fill the question box
 *   data-policybot-lang      "zh" or "en": the widget's language (default: the browser's,
 *                            navigator.languages; anything but Chinese is English)
 *   data-policybot-mode      "finder": a "Find policies for my company" form instead of the chat;
 *                            it posts the company's profile to /api/match and shows each policy that
 *                            may apply with its conditions checked and quoted (default: the chat)
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
    open: ["original page", "原文网页"],
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
    refused: ["The policy service does not accept questions from this site yet: its administrator must " +
      "allow it.", "政策问答服务尚未允许本网站访问，请联系网站管理员开通。"],
    failed: ["Sorry, the question could not be answered: {detail}", "抱歉，无法回答这个问题：{detail}"],
    status: ["The policy service answered with status {status}.", "政策问答服务返回了状态码 {status}。"],
    // A cited document's status on the question's day (citations[].status); "unknown" shows none.
    in_force: ["In force", "现行有效"],
    expired: ["Expired", "已失效"],
    superseded: ["Replaced", "已被取代"],
    not_yet_effective: ["Not yet in force", "尚未生效"],
    // The finder mode (data-policybot-mode="finder"); fields as in POST /api/match's profile.
    finder: ["Find policies for my company", "为我的企业查找政策"],
    finderShort: ["Find policies", "查找政策"],
    finderIntro: ["Describe your company (every field is optional) to see the policies in force that may " +
      "apply, each condition checked against what you said and quoted from the notice.",
      "填写企业情况（各项均可留空），查看可能适用的现行政策：每项条件都与您填写的情况逐条核对，并引用文件原文。"],
    region: ["Where the company is registered", "企业注册地"],
    regionHint: ["e.g. Shaoxing, Keqiao", "例如：绍兴、柯桥区"],
    sector: ["Sector", "所属行业"],
    sectorHint: ["e.g. textile, dyeing", "例如：纺织、印染"],
    exports: ["Annual exports", "年出口额"],
    currency: ["Currency", "币种"],
    usd: ["US dollars (USD)", "美元（USD）"],
    cny: ["Yuan (CNY)", "人民币（CNY）"],
    employees: ["Employees", "从业人员数"],
    size: ["Enterprise size", "企业规模"],
    notSaid: ["Not said", "不填"],
    micro: ["Micro", "微型"],
    small: ["Small", "小型"],
    medium: ["Medium", "中型"],
    large: ["Large", "大型"],
    firstTime: ["First time applying for this support?", "是否首次申请此类扶持？"],
    violations: ["Any record of violations?", "是否有违法违规记录？"],
    yes: ["Yes", "是"],
    no: ["No", "否"],
    asOf: ["In force on (optional)", "政策有效日期（可不填）"],
    find: ["Find policies", "查找政策"],
    finding: ["Checking the policies…", "正在核对政策…"],
    day: ["Policies in force on {day}.", "{day}现行有效的政策。"],
    applicable: ["Policies you may apply for ({n})", "可能适用的政策（{n} 项）"],
    notApplicable: ["Not applicable ({n})", "不适用的政策（{n} 项）"],
    none: ["No policy in force fits this profile.", "没有适用于该企业情况的现行政策。"],
    counts: ["{met} met · {unknown} unknown", "符合 {met} 项 · 未知 {unknown} 项"],
    conditions: ["Conditions", "申请条件"],
    noConditions: ["The notice states no condition that could be read.", "文件中没有可识别的申请条件。"],
    met: ["met", "符合"],
    unmet: ["not met", "不符合"],
    unknown: ["unknown: the profile does not say", "未知：您未填写相关情况"],
    benefits: ["Benefits", "扶持内容"],
    rate: ["rate {rate}", "比例 {rate}"],
    cap: ["up to {cap}", "最高 {cap}"],
    apply: ["How to apply", "申报方式"],
    deadline: ["deadline: {deadline}", "截止时间：{deadline}"],
    channel: ["through: {channel}", "申报渠道：{channel}"],
    reasons: ["Not met: {reasons}", "不符合：{reasons}"],
    passage: ["{doc}, passage {n}", "{doc}，第 {n} 段"],
    finderFailed: ["Sorry, the policies could not be checked: {detail}", "抱歉，无法查找政策：{detail}"],
  };
  const LANGS = ["en", "zh"];
  const langOf = (tag) => {
    const primary = String(tag || "").trim().replace("_", "-").split("-")[0].toLowerCase();
    return LANGS.includes(primary) ? primary : null;
  };
  const browserLangs = [navigator.language, ...(navigator.languages || [])].map(langOf);
  const uiLang = langOf(data.policybotLang) || browserLangs.find(Boolean) || "en";
  const finderMode = String(data.policybotMode || "").trim().toLowerCase() === "finder";
  const say = (lang, key, fields) => WORDS[key][lang === "zh" ? 1 : 0]
    .replace(/\{(\w+)\}/g, (_, name) => String((fields || {})[name]));
  const BCP47 = { en: "en", zh: "zh-CN" };

  /** The language of a text, by the service's rule (core/language.py): two CJK ideographs count
   * as one word; Chinese when more than half of the words are Chinese; `fallback` with neither. */
  const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{2ebef}]/gu;
  function textLanguage(text, fallback) {
    const ideographs = (String(text).match(IDEOGRAPH) || []).length;
    const words = (String(text).match(/[A-Za-z\u00c0-\u024f]+/g) || []).length;
    if (!ideographs && !words) return fallback;
    return ideographs / 2 / (ideographs / 2 + words) > 0.5 ? "zh" : "en";
  }
  Object.assign(window[GUARD], { lang: uiLang, mode: finderMode ? "finder" : "chat", textLanguage });

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
    .launcher.labelled { width: auto; border-radius: 28px; padding: 0 20px; font-size: 16px; }
    button:focus-visible, input:focus-visible, select:focus-visible, .cite:focus { outline: 3px solid #f59e0b;
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
    .ct a { color: inherit; }
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
    .finder { display: grid; grid-template-columns: 1fr 1fr; gap: 8px 10px; padding: 0; border: 0;
      margin: 0 0 10px; }
    .finder label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: #52606d; }
    .finder .wide { grid-column: 1 / -1; }
    .finder input { flex: none; }
    select { font: inherit; padding: 7px 8px; border: 1px solid #9aa5b1; border-radius: 6px; background: #fff; }
    .results h3 { font-size: 15px; margin: 14px 0 6px; }
    .policy { margin: 0 0 12px; padding: 8px 10px; border: 1px solid #e4e7eb; border-radius: 8px; }
    .policy h4 { font-size: 14px; margin: 0 0 2px; overflow-wrap: anywhere; }
    .policy h5 { font-size: 13px; margin: 8px 0 2px; }
    .policy ul { margin: 0; padding-left: 18px; }
    .check { margin: 2px 0 0; }
    .mark { display: inline-block; width: 1.2em; font-weight: 700; }
    .met .mark { color: #166534; } .unmet .mark { color: #b91c1c; } .unknown .mark { color: #92400e; }
    .verdict { margin-left: 6px; padding: 0 5px; border-radius: 3px; background: #f1f5f9; font-size: 12px; }
    .reason { margin: 4px 0; color: #991b1b; font-weight: 600; }
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
  const title = finderMode ? ui("finder") : ui("title");
  const opener = finderMode ? title : ui("launcher");
  const launcher = el("button", {
    type: "button", className: finderMode ? "launcher labelled" : "launcher", "aria-label": opener,
    title: opener, "aria-expanded": "false", "aria-controls": "pb-panel",
  }, finderMode ? `✓ ${ui("finderShort")}` : "?");
  const log = el("div", { className: "log", "aria-live": "polite", "aria-busy": "false" },
    el("p", { className: "intro" }, finderMode ? ui("finderIntro") : ui("intro")));
  const status = el("div", { className: "status", role: "status" });
  const error = el("div", { className: "error", role: "alert", hidden: true });
  const input = el("input", {
    type: "text", name: "question", "aria-label": ui("question"), maxlength: "2000",
    autocomplete: "off", placeholder: ui("placeholder"),
  });
  input.value = data.policybotQuestion || "";
  const send = el("button", { type: "submit", className: "send" }, ui("send"));
  const form = el("form", { "aria-label": ui("form") }, input, send);
  /** The finder's form: labelled fields, empty or "not said" ones left out of the profile. */
  function finderForm() {
    const field = (label, control, wide) => el("label", wide ? { className: "wide" } : {}, label, control);
    const choice = (name, options) => el("select", { name }, ...options.map(([value, label]) =>
      el("option", { value }, label)));
    const said = [["", ui("notSaid")], ["yes", ui("yes")], ["no", ui("no")]];
    const controls = {
      region: el("input", { type: "text", name: "region", maxlength: "100", placeholder: ui("regionHint") }),
      sector: el("input", { type: "text", name: "sector", maxlength: "100", placeholder: ui("sectorHint") }),
      exports: el("input", { type: "number", name: "exports", min: "0", step: "any", inputmode: "decimal" }),
      currency: choice("currency", [["USD", ui("usd")], ["CNY", ui("cny")]]),
      employees: el("input", { type: "number", name: "employees", min: "0", max: "10000000", step: "1" }),
      size: choice("size", [["", ui("notSaid")], ["micro", ui("micro")], ["small", ui("small")],
        ["medium", ui("medium")], ["large", ui("large")]]),
      firstTime: choice("first_time", said),
      violations: choice("violations", said),
      asOf: el("input", { type: "date", name: "as_of" }),
    };
    const button = el("button", { type: "submit", className: "send wide" }, ui("find"));
    const form = el("form", { className: "finder", "aria-label": title },
      field(ui("region"), controls.region, true), field(ui("sector"), controls.sector, true),
      field(ui("exports"), controls.exports), field(ui("currency"), controls.currency),
      field(ui("employees"), controls.employees), field(ui("size"), controls.size),
      field(ui("firstTime"), controls.firstTime, true), field(ui("violations"), controls.violations, true),
      field(ui("asOf"), controls.asOf, true), button);
    const results = el("div", { className: "results" });
    return { form, results, button, controls, first: controls.region };
  }

  const close = el("button", {
    type: "button", className: "close", "aria-label": ui("close"), title: ui("close"),
  }, "×");
  const finder = finderMode ? finderForm() : null;
  if (finder) log.append(finder.form, finder.results);
  const panel = el("div", {
    id: "pb-panel", className: "panel", role: "dialog", "aria-label": title,
    hidden: true,
  }, el("div", { className: "head" }, el("h2", { textContent: title }), close),
  log, status, error, ...(finder ? [] : [form]));
  const root = el("div", { className: "root", lang: BCP47[uiLang] }, panel, launcher);
  shadow.append(root);

  const history = [];
  let turnCount = 0;
  let busy = false;

  function open() {
    panel.hidden = false;
    root.classList.add("open");
    launcher.setAttribute("aria-expanded", "true");
    (finder ? finder.first : input).focus();
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
    (finder ? finder.button : send).disabled = on;
    log.setAttribute("aria-busy", String(on));
    panel.setAttribute("aria-busy", String(on));
    status.textContent = on ? (finder ? ui("finding") : ui("searching")) : "";
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

  /** The document view on the service (every citation links there): the cited passage highlighted. */
  function viewUrl(docId, chunkId, lang) {
    const query = new URLSearchParams({ lang });
    if (chunkId) query.set("chunk", String(chunkId));
    return `${endpoint}/api/documents/${encodeURIComponent(String(docId))}/view?${query}${chunkId ? "#cited" : ""}`;
  }
  const viewLink = (docId, chunkId, lang, ...text) => el("a", {
    href: viewUrl(docId, chunkId, lang), target: "_blank", rel: "noopener noreferrer" }, ...text);

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
        el("div", { className: "ct" }, viewLink(c.doc_id, c.chunk_id, lang, String(c.title || c.source || c.doc_id))),
        meta,
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

  /** After a failed call: is the service up but refusing this page's origin (CORS)? A no-cors
   *  request reaches it without reading the answer; when that succeeds, the console says what the
   *  site's administrator must set, once. */
  let refusalLogged = false;
  async function refusedHere() {
    try {
      await fetch(`${endpoint}/api/health`, { mode: "no-cors", credentials: "omit", cache: "no-store" });
    } catch (_) {
      return false;  // down or unreachable: not a CORS refusal
    }
    if (!refusalLogged) {
      refusalLogged = true;
      console.warn(`policybot widget: the service at ${endpoint} is up but does not allow this page's ` +
        `origin ${location.origin}. Add "${location.origin}" to POLICYBOT_CORS_ORIGINS on the policybot ` +
        "server (see its log: \"CORS: refused origin\").");
    }
    return true;
  }

  /** POST ``request`` as JSON to ``path``: the parsed answer, or null once the reason is shown
   *  (``failed(detail)``: the message for an error answer). The timeout covers reading the body too. */
  async function postJson(path, request, lang, failed) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch(`${endpoint}${path}`, {
          method: "POST", mode: "cors", credentials: "omit", signal: controller.signal,
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(request),
        });
      } catch (_) {
        const down = controller.signal.aborted || !(await refusedHere());
        showError(down ? say(lang, "unreachable") : say(lang, "refused"));
        return null;
      }
      let body = null;
      try {
        body = await response.json();
      } catch (_) {
        body = null;
      }
      if (!response.ok || !body) {
        showError(failed(errorText(response.status, body, lang)));
        return null;
      }
      return body;
    } finally {
      clearTimeout(timer);
    }
  }

  async function ask(question) {
    setBusy(true);
    error.hidden = true;
    const lang = textLanguage(question, uiLang);  // for errors; an answer says its own language
    const asked = el("p", { className: "q" }, question);
    log.append(asked);
    log.scrollTop = log.scrollHeight;
    try {
      const body = await postJson("/api/ask", { question, top_k: 5, history: history.slice(-MAX_TURNS) },
        lang, (detail) => say(lang, "failed", { detail }));
      if (!body) return;
      log.append(renderAnswer(body, question));
      history.push({ question, answer: String(body.answer || "").slice(0, MAX_TURN_CHARS - question.length) });
      if (history.length > MAX_TURNS) history.shift();
    } finally {
      setBusy(false);
      log.scrollTop = asked.offsetTop - log.offsetTop - 8;  // the new question at the top
    }
  }

  /** The form as POST /api/match's profile: only what the member said. */
  function profileOf(c) {
    const profile = {};
    for (const name of ["region", "sector"]) if (c[name].value.trim()) profile[name] = c[name].value.trim();
    if (c.exports.value !== "") profile[`annual_exports_${c.currency.value.toLowerCase()}`] = Number(c.exports.value);
    if (c.employees.value !== "") profile.employees = Math.round(Number(c.employees.value));
    if (c.size.value) profile.enterprise_size = c.size.value;
    if (c.firstTime.value) profile.first_time = c.firstTime.value === "yes";
    if (c.violations.value) profile.has_violations = c.violations.value === "yes";
    return profile;
  }

  /** Where a quote is: "doc_id, passage n" (position is 0-based) linking to it, and its page when known. */
  function passageOf(cite) {
    if (!cite || !cite.doc_id) return "";
    const n = Number.isInteger(cite.position) ? cite.position + 1 : "?";
    const where = viewLink(cite.doc_id, cite.chunk_id, uiLang, say(uiLang, "passage", { doc: String(cite.doc_id), n }));
    return cite.page ? el("span", {}, where, ` · ${say(uiLang, "page", { n: cite.page })}`) : where;
  }

  function quoteNode(quote, cite) {
    const text = String(quote || "");
    return el("blockquote", { className: "passage", lang: BCP47[textLanguage(text, uiLang)] },
      text, el("div", { className: "meta" }, passageOf(cite)));
  }

  /** The conditions, one list item per sentence of the notice: its conditions, then the sentence. */
  function checklist(items) {
    const groups = new Map();
    for (const item of items) {
      const key = String(item.quote || "");
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(item);
    }
    const list = el("ul", { className: "checks" });
    for (const [quote, group] of groups) {
      const li = el("li");
      for (const item of group) {
        const verdict = ["met", "unmet"].includes(item.status) ? item.status : "unknown";
        const word = { met: say(uiLang, "met"), unmet: say(uiLang, "unmet"), unknown: say(uiLang, "unknown") }[verdict];
        const mark = { met: "✓", unmet: "✗", unknown: "?" }[verdict];
        const wanted = item.type === "text" ? "" : String(item.requirement || item.type || "");
        li.append(el("div", { className: `check ${verdict}` }, el("span", { className: "mark", "aria-hidden": "true" },
          mark), el("strong", {}, wanted), el("span", { className: "verdict" }, word)));
      }
      if (quote) li.append(quoteNode(quote, group[0].citation));
      list.append(li);
    }
    return list;
  }

  function policyNode(record, n, applies) {
    const node = el("article", { className: "policy" },
      el("h4", {}, `${n}. ${String(record.title || record.doc_id || "")}`));
    const meta = el("div", { className: "meta" },
      [record.doc_number, record.issuer, record.date].filter(Boolean).map(String).join(" · "));
    const inForce = statusWord(uiLang, record.status);
    if (inForce) meta.append(el("span", { className: "badge ok" }, inForce));
    const counts = { met: Number(record.met) || 0, unknown: Number(record.unknown) || 0 };
    if (applies) meta.append(` · ${say(uiLang, "counts", counts)}`);
    node.append(meta);
    const items = Array.isArray(record.checklist) ? record.checklist.filter((i) => i && typeof i === "object") : [];
    if (!applies) {
      const failed = items.filter((i) => i.status === "unmet");
      const reasons = failed.map((i) => String(i.requirement || i.type)).join(uiLang === "zh" ? "；" : "; ");
      node.append(el("p", { className: "reason" }, say(uiLang, "reasons", { reasons })), checklist(failed));
      return node;
    }
    node.append(el("h5", {}, say(uiLang, "conditions")),
      items.length ? checklist(items) : el("p", { className: "hint" }, say(uiLang, "noConditions")));
    const sections = [["benefits", record.benefits, (b) => [b.rate && say(uiLang, "rate", { rate: b.rate }),
      b.cap && b.cap.text && say(uiLang, "cap", { cap: b.cap.text })]],
    ["apply", record.application, (a) => [a.deadline && say(uiLang, "deadline", { deadline: a.deadline }),
      a.channel && say(uiLang, "channel", { channel: a.channel })]]];
    for (const [key, entries, describe] of sections) {
      const list = (Array.isArray(entries) ? entries : []).filter((e) => e && typeof e === "object");
      if (!list.length) continue;
      node.append(el("h5", {}, key === "benefits" ? say(uiLang, "benefits") : say(uiLang, "apply")),
        el("ul", {}, ...list.map((e) => el("li", {}, describe(e).filter(Boolean).map(String).join(" · "),
          quoteNode(e.quote, e.citation)))));
    }
    return node;
  }

  function renderMatches(body) {
    const applicable = Array.isArray(body.applicable) ? body.applicable : [];
    const others = Array.isArray(body.not_applicable) ? body.not_applicable : [];
    const out = [el("p", { className: "hint" }, say(uiLang, "day", { day: String(body.as_of || "") })),
      el("h3", {}, say(uiLang, "applicable", { n: applicable.length }))];
    if (!applicable.length) out.push(el("p", {}, say(uiLang, "none")));
    applicable.forEach((r, i) => out.push(policyNode(r, i + 1, true)));
    if (others.length) out.push(el("h3", {}, say(uiLang, "notApplicable", { n: others.length })));
    others.forEach((r, i) => out.push(policyNode(r, i + 1, false)));
    finder.results.replaceChildren(...out);
  }

  async function findPolicies() {
    setBusy(true);
    error.hidden = true;
    const request = { profile: profileOf(finder.controls), lang: uiLang };
    if (finder.controls.asOf.value) request.as_of = finder.controls.asOf.value;
    try {
      const body = await postJson("/api/match", request, uiLang,
        (detail) => say(uiLang, "finderFailed", { detail }));
      if (body) renderMatches(body);
    } finally {
      setBusy(false);
      log.scrollTop = finder.results.offsetTop - log.offsetTop - 8;  // the results at the top
    }
  }

  if (finder) {
    finder.form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!busy) findPolicies();
    });
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
