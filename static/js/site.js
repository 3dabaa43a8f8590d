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
