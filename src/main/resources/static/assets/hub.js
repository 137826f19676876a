// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // A form with errors: move focus to its error summary, as the GOV.UK pattern does.
  var summary = document.querySelector("[data-hub-error-summary]");
  if (summary) {
    summary.focus();
  }

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

  // A request of the page's (htmx's or this file's) answered 401: the session has ended, and reloading
  // leads the person to log in again.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail && event.detail.xhr && event.detail.xhr.status === 401) {
      window.location.reload();
    }
  });

  var live = document.querySelector("[data-hub-live]");
  if (live && window.fetch && window.DOMParser) {
    follow(live);
  }

  // The enquiry list follows the participant's change feed: it long-polls the page's updates address
  // with the feed cursor it holds; each answer carries the next cursor and, when something changed,
  // the list's rows as they are now. Rows that did not change stay as they are (focus stays too); the
  // others are replaced or inserted, and a status line tells screen readers what came. Polling pauses
  // once the person has been idle for the session's lifetime, so that an unattended page does not keep
  // its session alive; the next keypress or click resumes it (and an ended session reloads to log in).
  function follow(element) {
    var url = element.getAttribute("data-hub-live");
    var cursor = element.getAttribute("data-cursor");
    var idleLimit = Number(element.getAttribute("data-idle-seconds") || "1800") * 1000;
    var announcement = document.getElementById("live-announcement");
    var lastActivity = Date.now();
    var polling = false;
    var failures = 0;

    ["keydown", "pointerdown", "touchstart", "wheel"].forEach(function (type) {
      document.addEventListener(type, function () {
        var wasIdle = idle();
        lastActivity = Date.now();
        if (wasIdle) {
          poll();
        }
      }, {capture: true, passive: true});
    });

    function idle() {
      return Date.now() - lastActivity > idleLimit;
    }

    function poll() {
      if (polling || idle()) {
        return;
      }
      polling = true;
      var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "cursor=" + encodeURIComponent(cursor);
      fetch(address, {headers: {"HX-Request": "true"}, credentials: "same-origin", cache: "no-store"})
        .then(function (response) {
          if (response.status === 401 || response.status === 403 || response.status === 400) {
            // Logged out, no longer allowed, or the context changed in another tab: the page itself says which.
            window.location.reload();
            return new Promise(function () {});
          }
          if (!response.ok) {
            throw new Error("update failed: " + response.status);
          }
          return response.text();
        })
        .then(function (html) {
          polling = false;
          failures = 0;
          apply(html);
          poll();
        }, function () {
          polling = false;
          failures += 1;
          window.setTimeout(poll, Math.min(30000, 1000 * Math.pow(2, failures)));
        });
    }

    function apply(html) {
      var update = new DOMParser().parseFromString(html, "text/html").getElementById("live-update");
      if (!update) {
        return;
      }
      cursor = update.getAttribute("data-cursor") || cursor;
      var rows = update.querySelector("#enquiry-rows");
      if (!rows) {
        return;
      }
      merge(document.getElementById("enquiry-rows"), rows);
      replace("enquiry-count", update);
      replace("enquiry-pages", update);
      if (announcement) {
        announcement.textContent = update.getAttribute("data-announcement") || "";
      }
    }

    function merge(target, fresh) {
      if (!target) {
        return;
      }
      var next = target.firstElementChild;
      Array.prototype.slice.call(fresh.children).forEach(function (row) {
        var existing = row.id ? document.getElementById(row.id) : null;
        var node = existing;
        if (!existing || existing.getAttribute("data-state") !== row.getAttribute("data-state")) {
          node = document.importNode(row, true);
          node.classList.add("hub-row--changed");
          if (existing) {
            if (existing === next) {
              next = existing.nextElementSibling;
            }
            existing.remove();
          }
        }
        target.insertBefore(node, next);
        next = node.nextElementSibling;
      });
      while (next) {
        var after = next.nextElementSibling;
        next.remove();
        next = after;
      }
    }

    function replace(id, update) {
      var current = document.getElementById(id);
      var fresh = update.querySelector("#" + id);
      if (current && fresh) {
        current.replaceWith(document.importNode(fresh, true));
      }
    }

    poll();
  }
})();
