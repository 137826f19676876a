// What htmx cannot do; every page works without this file. (The inbox's live updates are htmx's.)
(function () {
  "use strict";

  // The copy button beside a secret (shown only where the clipboard can be used).
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("copy-status");
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied");
        }
      }, function () {
        field.select();
      });
    });
  });
})();
