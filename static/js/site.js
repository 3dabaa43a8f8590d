/*
 * Progressive enhancement only: the site works fully without this file.
 *
 * Main navigation on small screens: show the toggle button (hidden in the HTML, so it never
 * appears without JavaScript), collapse the menu and keep aria-expanded in step. The CSS hides
 * the list while the button says aria-expanded="false".
 */
(function () {
    "use strict";

    var toggle = document.querySelector(".site-nav__toggle");
    var list = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
    if (!toggle || !list) {
        return;
    }

    toggle.hidden = false;
    toggle.setAttribute("aria-expanded", "false");

    toggle.addEventListener("click", function () {
        var expanded = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!expanded));
    });

    document.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
            toggle.setAttribute("aria-expanded", "false");
            toggle.focus();
        }
    });
})();

/*
 * "This page in English": the server renders a hidden suggestion per translation of the page
 * (includes/language_suggestion.html). Show the one for the first language the browser prefers
 * that the site offers, unless that is the page's own language or the visitor dismissed it.
 */
(function () {
    "use strict";

    var STORAGE_KEY = "language-suggestion-dismissed";
    var suggestions = document.querySelectorAll(".language-suggestion[data-language]");
    if (!suggestions.length) {
        return;
    }
    try {
        if (window.localStorage.getItem(STORAGE_KEY)) {
            return;
        }
    } catch (error) {
        // Storage blocked: suggest anyway; dismissing then lasts for this page only.
    }

    var pageLanguage = document.documentElement.lang.split("-")[0];
    var byLanguage = Object.create(null);
    Array.prototype.forEach.call(suggestions, function (suggestion) {
        byLanguage[suggestion.getAttribute("data-language")] = suggestion;
    });
    var preferred = navigator.languages && navigator.languages.length
        ? navigator.languages
        : [navigator.language || ""];

    for (var i = 0; i < preferred.length; i += 1) {
        var language = String(preferred[i]).toLowerCase().split("-")[0];
        if (language === pageLanguage) {
            return;
        }
        if (byLanguage[language]) {
            show(byLanguage[language]);
            return;
        }
    }

    function show(suggestion) {
        suggestion.hidden = false;
        suggestion.querySelector(".language-suggestion__dismiss").addEventListener("click", function () {
            suggestion.hidden = true;
            try {
                window.localStorage.setItem(STORAGE_KEY, "1");
            } catch (error) {
                // Nothing to remember it in.
            }
        });
    }
})();

/*
 * A form shown again with errors (the contact form): move focus to the summary of what to
 * correct, so keyboard and screen-reader users start there (its links lead to each field).
 */
(function () {
    "use strict";

    var summary = document.getElementById("error-summary");
    if (summary) {
        summary.focus();
    }
})();
