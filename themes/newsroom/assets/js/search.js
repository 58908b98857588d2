// Search widget: queries the Pagefind index that `newsroom build` writes to /pagefind/ (CJK-aware, extended
// edition). The index is loaded from this site on first use; nothing is requested from another host.
(() => {
  "use strict";

  const MAX_RESULTS = 8;

  const escapeHTML = (s) =>
    String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  // Pagefind excerpts mark hits with <mark>; keep only that markup.
  const safeExcerpt = (html) =>
    escapeHTML(html).replace(/&lt;mark&gt;/g, "<mark>").replace(/&lt;\/mark&gt;/g, "</mark>");

  const setup = (widget) => {
    const form = widget.querySelector("form.search");
    const input = widget.querySelector("form.search input");
    const status = widget.querySelector(".search__status");
    const list = widget.querySelector(".search__results");
    if (!form || !input || !status || !list) return;
    let pagefind = null;
    let seq = 0;

    const load = async () => {
      if (!pagefind) {
        pagefind = import(form.dataset.pagefindPath).then(async (pf) => {
          await pf.init();
          return pf;
        });
      }
      return pagefind;
    };

    const run = async (query) => {
      const mine = ++seq;
      const q = query.trim();
      if (!q) {
        status.textContent = "";
        list.replaceChildren();
        return;
      }
      status.textContent = "搜索中…";
      let pf;
      try {
        pf = await load();
      } catch (err) {
        pagefind = null;
        status.textContent = "搜索索引尚未生成。";
        return;
      }
      const res = await pf.debouncedSearch(q, {}, 200);
      if (res === null || mine !== seq) return; // a newer query superseded this one
      const data = await Promise.all(res.results.slice(0, MAX_RESULTS).map((r) => r.data()));
      if (mine !== seq) return;
      status.textContent = res.results.length ? `找到 ${res.results.length} 篇相关文章` : "没有找到相关文章。";
      list.innerHTML = data
        .map(
          (d) =>
            `<li><a href="${escapeHTML(d.url)}">${escapeHTML((d.meta && d.meta.title) || d.url)}</a>` +
            `<p>${safeExcerpt(d.excerpt || "")}</p></li>`,
        )
        .join("");
    };

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      run(input.value);
    });
    input.addEventListener("input", () => run(input.value));
    input.addEventListener("focus", () => load().catch(() => {}), { once: true });

    const initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      run(initial);
    }
  };

  document.querySelectorAll(".widget--search").forEach(setup);
})();
