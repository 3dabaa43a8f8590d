/*
 * Search suggestions while typing: turns each search form that names a suggestions URL
 * (`data-suggest-url`, includes/search_combobox_attrs.html) into an ARIA 1.2 combobox with a
 * listbox popup (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
 *
 * Progressive enhancement only: without this file the form is a plain GET form to the search
 * page. Keys: Arrow Down/Up move through the suggestions, Enter opens the active one (or submits
 * the query when none is active), Escape closes the list, Tab leaves it. A live region says how
 * many suggestions there are. The server cleans the query and decides what may be suggested
 * (search/autocomplete.py); titles are inserted as text, never as HTML.
 */
(function () {
    "use strict";

    var DEBOUNCE_MS = 200;
    var MIN_CHARS = 2;

    function enhance(form) {
        var input = form.querySelector('input[name="q"]');
        if (!input || !input.id || !window.fetch) {
            return;
        }
        var listboxId = input.id + "-suggestions";
        var data = form.dataset;

        var listbox = document.createElement("ul");
        listbox.id = listboxId;
        listbox.className = "search-suggest";
        listbox.setAttribute("role", "listbox");
        listbox.setAttribute("aria-label", data.suggestLabel || "");
        listbox.hidden = true;

        var status = document.createElement("div");
        status.className = "visually-hidden";
        status.setAttribute("role", "status");

        form.classList.add("has-suggestions");
        form.appendChild(listbox);
        form.appendChild(status);

        input.setAttribute("role", "combobox");
        input.setAttribute("aria-autocomplete", "list");
        input.setAttribute("aria-expanded", "false");
        input.setAttribute("aria-controls", listboxId);
        input.setAttribute("autocomplete", "off");

        var suggestions = [];
        var active = -1;
        var timer = null;
        var controller = null;
        var lastQuery = null;

        function options() {
            return listbox.querySelectorAll('[role="option"]');
        }

        function setActive(index) {
            var items = options();
            active = index;
            items.forEach(function (item, position) {
                var isActive = position === index;
                item.setAttribute("aria-selected", String(isActive));
                item.classList.toggle("is-active", isActive);
            });
            if (index >= 0 && items[index]) {
                input.setAttribute("aria-activedescendant", items[index].id);
                items[index].scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function open() {
            if (suggestions.length) {
                listbox.hidden = false;
                input.setAttribute("aria-expanded", "true");
            }
        }

        function close() {
            listbox.hidden = true;
            input.setAttribute("aria-expanded", "false");
            setActive(-1);
        }

        function announce(count) {
            var template = count === 0 ? data.suggestNone : count === 1 ? data.suggestOne : data.suggestMany;
            status.textContent = (template || "").replace("%(count)s", String(count));
        }

        function render(items) {
            suggestions = items;
            listbox.textContent = "";
            items.forEach(function (item, index) {
                var option = document.createElement("li");
                option.id = listboxId + "-" + index;
                option.setAttribute("role", "option");
                option.setAttribute("aria-selected", "false");
                option.className = "search-suggest__option";
                var title = document.createElement("span");
                title.className = "search-suggest__title";
                title.textContent = item.title;
                var type = document.createElement("span");
                type.className = "search-suggest__type";
                type.textContent = item.type;
                option.appendChild(title);
                option.appendChild(document.createTextNode(" "));
                option.appendChild(type);
                listbox.appendChild(option);
            });
            setActive(-1);
            if (items.length) {
                open();
            } else {
                close();
            }
            announce(items.length);
        }

        function go(index) {
            var item = suggestions[index];
            if (!item) {
                return;
            }
            var target = new URL(item.url, window.location.href);
            if (target.origin === window.location.origin) {
                close();
                window.location.assign(target.href);
            }
        }

        function fetchSuggestions() {
            var query = input.value.trim();
            if (query === lastQuery) {
                open();
                return;
            }
            lastQuery = query;
            if (controller) {
                controller.abort();
            }
            if (query.length < MIN_CHARS) {
                suggestions = [];
                listbox.textContent = "";
                close();
                status.textContent = "";
                return;
            }
            controller = new AbortController();
            var url = data.suggestUrl + "?q=" + encodeURIComponent(query);
            fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } })
                .then(function (response) {
                    return response.ok ? response.json() : { suggestions: [] };
                })
                .then(function (body) {
                    if (input.value.trim() === query) {
                        render(Array.isArray(body.suggestions) ? body.suggestions : []);
                    }
                })
                .catch(function () {
                    // Aborted by newer typing, or offline: the plain form still works.
                });
        }

        input.addEventListener("input", function () {
            window.clearTimeout(timer);
            timer = window.setTimeout(fetchSuggestions, DEBOUNCE_MS);
        });

        input.addEventListener("keydown", function (event) {
            var count = suggestions.length;
            var isOpen = !listbox.hidden;
            if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                if (!count) {
                    return;
                }
                event.preventDefault();
                if (!isOpen) {
                    open();
                }
                var step = event.key === "ArrowDown" ? 1 : -1;
                var next = active + step;
                if (active === -1 && step === -1) {
                    next = count - 1;
                }
                setActive(next < 0 || next >= count ? -1 : next);
            } else if (event.key === "Enter") {
                if (isOpen && active >= 0) {
                    event.preventDefault();
                    go(active);
                }
                // Otherwise the form submits the query to the search page.
            } else if (event.key === "Escape") {
                if (isOpen) {
                    event.preventDefault();
                    event.stopPropagation();
                    close();
                }
            } else if (event.key === "Tab") {
                close();
            }
        });

        input.addEventListener("blur", function () {
            close();
        });

        // Keep the focus in the input while the mouse picks an option.
        listbox.addEventListener("mousedown", function (event) {
            event.preventDefault();
        });

        listbox.addEventListener("click", function (event) {
            var option = event.target.closest('[role="option"]');
            if (option) {
                go(Array.prototype.indexOf.call(options(), option));
            }
        });
    }

    document.querySelectorAll("form[data-suggest-url]").forEach(enhance);
})();
