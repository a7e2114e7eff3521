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

// Evidence files stay on the phone: compute each chosen file's SHA-256 here (Web Crypto)
// and fill in only its name, size, date and fingerprint. The picker has no name, so the
// file itself is never sent. Without this script the rows take a typed name and date.
(function () {
  "use strict";
  var LARGEST = 512 * 1024 * 1024; // bytes a phone can reasonably hold in memory at once
  if (!window.crypto || !window.crypto.subtle || !window.Blob || !Blob.prototype.arrayBuffer) { return; }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (byte) {
      return ("0" + byte.toString(16)).slice(-2);
    }).join("");
  }
  function localDate(time) {
    var day = new Date(time);
    return day.getFullYear() + "-" + ("0" + (day.getMonth() + 1)).slice(-2) + "-" + ("0" + day.getDate()).slice(-2);
  }
  document.querySelectorAll(".js-fingerprint").forEach(function (picker) {
    var form = picker.form;
    var pending = 0;
    picker.closest(".file-picker").hidden = false;
    function field(row, name) { return form.querySelector("[name='file_" + name + "_" + row + "']"); }
    function show(row, text, fingerprint) {
      var output = document.getElementById(field(row, "sha256").id + "-shown");
      output.textContent = text + (fingerprint ? " " : "");
      if (fingerprint) {
        var span = document.createElement("span");
        span.className = "fingerprint";
        span.textContent = fingerprint;
        output.appendChild(span);
      }
    }
    picker.addEventListener("change", function () {
      Array.prototype.forEach.call(picker.files, function (file) {
        var rows = form.querySelectorAll("[data-file-row]");
        var row = null;
        Array.prototype.some.call(rows, function (element) {
          var number = element.getAttribute("data-file-row");
          if (!field(number, "name").value.trim()) { row = number; return true; }
          return false;
        });
        if (row === null) { window.alert(picker.getAttribute("data-full")); return; }
        field(row, "name").value = file.name;
        field(row, "date").value = localDate(file.lastModified);
        field(row, "size").value = String(file.size);
        field(row, "sha256").value = "";
        if (file.size > LARGEST) { show(row, picker.getAttribute("data-too-large")); return; }
        pending += 1;
        show(row, picker.getAttribute("data-working"));
        file.arrayBuffer().then(function (bytes) {
          return window.crypto.subtle.digest("SHA-256", bytes);
        }).then(function (digest) {
          var fingerprint = hex(digest);
          field(row, "sha256").value = fingerprint;
          show(row, picker.getAttribute("data-done"), fingerprint);
        }, function () {
          show(row, picker.getAttribute("data-failed"));
        }).then(function () { pending -= 1; });
      });
      picker.value = "";
    });
    form.addEventListener("submit", function (event) {
      if (pending > 0) { event.preventDefault(); window.alert(picker.getAttribute("data-working")); }
    });
  });
})();
