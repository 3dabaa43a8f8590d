/*
 * Heads each programme row of the track editor by what it holds, e.g. "Dag 1 · Samen op pad",
 * instead of Wagtail's shared "Programma-onderdeel N", so collapsed rows stay recognisable.
 * The heading follows the row's fields while editing; an empty row keeps Wagtail's heading.
 */
(function () {
  "use strict";

  var CONTAINER_ID = "id_programme_steps-FORMS";
  var MODULE_KIND = "module";

  /* The row's form prefix, e.g. "programme_steps-0", from its id "inline_child_programme_steps-0". */
  function prefix(row) {
    return row.id.replace(/^inline_child_/, "");
  }

  function field(row, name) {
    return document.getElementById("id_" + prefix(row) + "-" + name);
  }

  function value(row, name) {
    var input = field(row, name);
    return input ? input.value.trim() : "";
  }

  function moduleTitle(row) {
    if (!value(row, "module")) return "";
    var title = document.getElementById("id_" + prefix(row) + "-module-title");
    return title ? title.textContent.trim() : "";
  }

  /* "Dag 1 · Samen op pad" for a module; "Interview · In gesprek" for the other kinds. */
  function headingOf(row) {
    var kind = field(row, "kind");
    var parts = [value(row, "label")];
    if (kind && kind.value === MODULE_KIND) {
      parts.push(value(row, "title") || moduleTitle(row));
    } else if (kind) {
      parts.push(kind.options[kind.selectedIndex].text.trim());
      parts.push(value(row, "title") || moduleTitle(row));
    }
    return parts.filter(Boolean).join(" · ");
  }

  /* The row's own heading text, not that of a panel nested inside the row. */
  function headingText(row) {
    var section = row.querySelector(":scope > [data-panel]");
    return section && section.querySelector(":scope > .w-panel__header [data-panel-heading-text]");
  }

  function update(row) {
    var text = headingText(row);
    if (!text) return;
    var fallback = text.querySelector(":scope > [data-step-heading-default]");
    var summary = text.querySelector(":scope > [data-step-heading-summary]");
    if (!fallback) {
      // Keep Wagtail's heading (and its row number, which Wagtail renumbers) for empty rows.
      fallback = document.createElement("span");
      fallback.setAttribute("data-step-heading-default", "");
      while (text.firstChild) fallback.appendChild(text.firstChild);
      summary = document.createElement("span");
      summary.setAttribute("data-step-heading-summary", "");
      text.appendChild(fallback);
      text.appendChild(summary);
    }
    var heading = headingOf(row);
    // Write only on change: the observer below sees our own writes too.
    if (summary.textContent !== heading) summary.textContent = heading;
    if (fallback.hidden !== Boolean(heading)) fallback.hidden = Boolean(heading);
  }

  function updateAll(container) {
    container.querySelectorAll(":scope > [data-inline-panel-child]").forEach(update);
  }

  function init() {
    var container = document.getElementById(CONTAINER_ID);
    if (!container) return;
    updateAll(container);
    function onEdit(event) {
      var row = event.target.closest("[data-inline-panel-child]");
      if (row && row.parentElement === container) update(row);
    }
    container.addEventListener("input", onEdit);
    container.addEventListener("change", onEdit);
    // New rows, and a module chosen in the chooser modal (which sets the title in the row).
    new MutationObserver(function () {
      updateAll(container);
    }).observe(container, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
