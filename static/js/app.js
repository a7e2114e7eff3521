// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll(".js-print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

// "Copy the letter text": only where the Clipboard API exists; the text stays selectable anyway.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".js-copy").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-copy"));
      navigator.clipboard.writeText(source.value).then(function () {
        button.textContent = button.getAttribute("data-done");
      });
    });
  });
})();
