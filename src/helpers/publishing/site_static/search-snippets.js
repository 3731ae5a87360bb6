/* Search results with their context, from the disk (helpers.publishing.site_extension).
   Sphinx fetches each result's page to quote from it; a page opened from file:// may not fetch another page, so
   the results had no snippet. Each page's words are written beside the site as _texts/<page>.js, loaded here as a
   script when the page is a result, and the snippet is found with the index's own folding (foldWord, from the
   search language: case, accents and Arabic marks ignored), so "cocaine" quotes "cocaïne". */
(() => {
  if (typeof Search === "undefined" || typeof foldWord === "undefined") return;
  const root = document.documentElement.dataset.content_root || "";
  window.PAGE_TEXTS = window.PAGE_TEXTS || {};
  const load = (page) => new Promise((resolve) => {
    if (page in window.PAGE_TEXTS) return resolve(window.PAGE_TEXTS[page]);
    const script = document.createElement("script");
    script.src = `${root}_texts/${page}.js`;
    script.onload = () => resolve(window.PAGE_TEXTS[page] || "");
    script.onerror = () => resolve("");
    document.head.appendChild(script);
  });
  const realFetch = window.fetch.bind(window);
  window.fetch = (url, ...rest) => {
    const page = typeof url === "string" && url.startsWith(root) && url.slice(root.length).match(/^([^?#]+)\.html$/);
    return page ? load(page[1]).then((text) => new Response(text)) : realFetch(url, ...rest);
  };
  Search.htmlToText = (text) => text;
  Search.makeSearchSummary = (text, keywords) => {
    if (!text) return null;
    let folded = "";
    const from = [];  // for each UTF-16 unit of the folded text, where it stands in the text
    for (let i = 0; i < text.length;) {
      const ch = String.fromCodePoint(text.codePointAt(i));
      const f = foldWord(ch);
      folded += f;
      for (let j = 0; j < f.length; j++) from.push(i);
      i += ch.length;
    }
    const hits = [...keywords].map((k) => folded.indexOf(foldWord(k))).filter((i) => i > -1);
    const at = hits.length ? from[Math.min(...hits)] : 0;
    const start = Math.max(at - 100, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.dir = "auto";
    summary.textContent = (start ? "… " : "") + text.substr(start, 260).trim() + (start + 260 < text.length ? " …" : "");
    return summary;
  };
})();
