// Runs before textual.js. Three things textual-serve's page does not do:
// 1. the secret leaves the address bar and the history at once (it is a cookie now);
// 2. the moment the app closes (quick exit, or the server stopping) the page is replaced
//    by a blank one, so nothing of a session stays on screen or behind the Back button;
// 3. an export is downloaded in place rather than in a pop-up window, and the app may
//    open only https links, in a new tab that cannot reach back to this page.
"use strict";
(function () {
  if (window.location.search || window.location.hash) {
    window.history.replaceState(null, "", "/");
  }

  function leave() {
    document.body.textContent = "";
    window.location.replace("about:blank");
  }

  document.addEventListener("DOMContentLoaded", function () {
    new MutationObserver(function () {
      if (document.body.classList.contains("-closed")) leave();
    }).observe(document.body, { attributes: true, attributeFilter: ["class"] });
  });

  const openWindow = window.open.bind(window);
  window.open = function (url) {
    const target = new URL(url, window.location.href);
    if (target.origin === window.location.origin && target.pathname.startsWith("/download/")) {
      const link = document.createElement("a");
      link.href = target.pathname;
      link.download = "";
      document.body.appendChild(link);
      link.click();
      link.remove();
      return null;
    }
    if (target.protocol === "https:") {
      return openWindow(target.href, "_blank", "noopener,noreferrer");
    }
    return null;
  };
})();
