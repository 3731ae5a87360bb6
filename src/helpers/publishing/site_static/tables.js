/* Long tables sorted and filtered in the page, with no script from another host (helpers.publishing.site_extension).
   A table of more than MIN_ROWS rows gets a filter box above it (rows that contain every word typed, accents and
   Arabic marks ignored) and headers that sort it when clicked or pressed (numbers as numbers: "1,731.558 kg",
   "−27.5%", "about 2,400,000"; text in Arabic then Latin order); aria-sort says the order. A dozen lines instead of
   ITables (DataTables): the tables keep the collection's own HTML (bilingual headers, directions, links) and the
   notebooks' outputs stay as they are. */
(() => {
  const MIN_ROWS = 20;
  const fold = (text) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/\u0640/g, "");
  const numberIn = (text) => {
    const m = text.replace(/\u2212/g, "-").replace(/[\u00a0\u202f ]/g, "").match(/-?\d[\d,]*(\.\d+)?/);
    return m ? parseFloat(m[0].replace(/,/g, "")) : null;
  };
  const enhance = (table, index) => {
    const body = table.tBodies[0];
    if (!body || body.rows.length <= MIN_ROWS || !table.tHead) return;
    const rows = [...body.rows];
    const box = table.closest(".table-scroll") || table;
    const filter = document.createElement("input");
    filter.type = "search";
    filter.className = "table-filter";
    filter.placeholder = "Filter the rows · تصفية الصفوف";
    filter.setAttribute("aria-label", "Filter the rows of the table below · تصفية صفوف الجدول أدناه");
    const count = document.createElement("span");
    count.className = "table-count";
    count.setAttribute("aria-live", "polite");
    const bar = document.createElement("div");
    bar.className = "table-tools";
    bar.append(filter, count);
    box.before(bar);
    const texts = rows.map((row) => fold(row.textContent));
    const show = () => {
      const words = fold(filter.value).split(/\s+/).filter(Boolean);
      let shown = 0;
      rows.forEach((row, i) => {
        const keep = words.every((w) => texts[i].includes(w));
        row.hidden = !keep;
        shown += keep;
      });
      count.textContent = words.length ? `${shown} / ${rows.length}` : `${rows.length}`;
    };
    filter.addEventListener("input", show);
    show();
    [...table.tHead.rows[0].cells].forEach((th, column) => {
      th.tabIndex = 0;
      th.classList.add("sortable");
      th.setAttribute("aria-sort", "none");
      const sort = () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        table.tHead.querySelectorAll("th").forEach((h) => h.setAttribute("aria-sort", "none"));
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const key = (row) => row.cells[column] ? row.cells[column].textContent.trim() : "";
        const numeric = rows.every((row) => !key(row) || numberIn(key(row)) !== null);
        const sorted = [...rows].sort((a, b) => {
          const x = key(a), y = key(b);
          if (!x || !y) return (!x) - (!y);  // empty cells last
          const order = numeric ? numberIn(x) - numberIn(y) : x.localeCompare(y, ["ar", "fr", "en"]);
          return ascending ? order : -order;
        });
        body.append(...sorted);
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
    table.dataset.enhanced = String(index);
  };
  const start = () => document.querySelectorAll("article table").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
