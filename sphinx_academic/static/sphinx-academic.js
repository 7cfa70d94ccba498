/* sphinx-academic: the two buttons that need a script, both optional extras.
 *
 * Without this file every BibTeX entry and every author is still shown (the copy
 * buttons and the "… N more" buttons stay hidden); nothing is loaded from elsewhere. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and http:// pages have no clipboard API: select a hidden field and copy
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      var done = document.execCommand("copy");
      document.body.removeChild(field);
      (done ? resolve : reject)();
    });
  }

  function setUpCopy(button) {
    var source = button.previousElementSibling;
    if (!source || source.tagName !== "PRE") return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copyText(source.textContent).then(
        function () {
          button.classList.add("sa-copied");
          button.textContent = "\u2713 " + label;
          setTimeout(function () {
            button.classList.remove("sa-copied");
            button.textContent = label;
          }, 1500);
        },
        function () {
          // copying is not allowed here: select the text so that Ctrl+C works
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
        }
      );
    });
  }

  function setUpMoreAuthors(button) {
    var names = button.nextElementSibling;
    if (!names || !names.classList.contains("sa-authors-hidden")) return;
    names.hidden = true;
    button.hidden = false;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      names.hidden = false;
      button.remove();
    });
  }

  function start() {
    document.querySelectorAll("button.sa-copy").forEach(setUpCopy);
    document.querySelectorAll("button.sa-more-authors").forEach(setUpMoreAuthors);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
