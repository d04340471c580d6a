// Small conveniences only; every action works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // Opening one action panel closes the others of the same entry.
  document.querySelectorAll("article.entry").forEach((card) => {
    const panels = card.querySelectorAll("details.act");
    panels.forEach((d) => d.addEventListener("toggle", () => {
      if (!d.open) return;
      panels.forEach((o) => { if (o !== d) o.open = false; });
      const first = d.querySelector("input:not([type=hidden])");
      if (first) first.focus();
    }));
  });
  // Filters apply as soon as a select changes.
  document.querySelectorAll("form.filters select").forEach((s) =>
    s.addEventListener("change", () => s.form.submit()));
});
