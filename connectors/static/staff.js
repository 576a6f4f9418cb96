// Copy buttons of the staff pages: each copies the plain text in its data-copy attribute (never markup)
// and says so in the page's status line. Falls back to a hidden textarea where the Clipboard API is not
// available (plain http on an office network is not a secure context).
(function () {
  "use strict";

  // the notice appears right next to the button that was pressed (its status sibling)
  function say(button, message) {
    var note = button.parentNode ? button.parentNode.querySelector(".copy-note") : null;
    if (note) { note.textContent = message; }
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  document.addEventListener("click", function (event) {
    var printing = event.target.closest ? event.target.closest("button[data-print]") : null;
    if (printing) { window.print(); return; }
    var button = event.target.closest ? event.target.closest("button.copy") : null;
    if (!button) { return; }
    var text = button.getAttribute("data-copy") || "";
    var done = function () { button.setAttribute("data-copied", "true"); say(button, "コピーしました / Copied"); };
    var failed = function () { say(button, "コピーできませんでした。文字を選んでコピーしてください。"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        if (copyWithTextarea(text)) { done(); } else { failed(); }
      });
    } else if (copyWithTextarea(text)) {
      done();
    } else {
      failed();
    }
  });
}());
