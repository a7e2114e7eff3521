// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

// After a failed submit, move focus to the error summary so it is read out
// and on screen (without JavaScript the form posts to #error-summary instead).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  } else if (window.location.hash === "#error-summary" && window.history.replaceState) {
    // Redirected here after a successful submit: drop the fragment the form carried.
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();

// Print the legal basis of every finding, not only the ones that were opened.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) { details.open = false; });
    opened = [];
  });
})();

// "Copy": the letter text, the call script, the notice for the people being called. Only
// where the Clipboard API exists; the text stays selectable anyway.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".js-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      var text = "value" in source ? source.value : source.textContent;
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = button.getAttribute("data-done");
      });
    });
  });
})();
