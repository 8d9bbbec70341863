/* dyad dashboard conveniences (no dependencies; the pages work without this script). */
(function () {
  "use strict";

  // Code page: read a chosen text file into the textarea.
  function fileToTextarea() {
    var input = document.getElementById("article-file");
    var area = document.getElementById("article-text");
    if (!input || !area) return;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > 1500000) { alert("The file is larger than 1.5 MB."); input.value = ""; return; }
      var reader = new FileReader();
      reader.onload = function () { area.value = String(reader.result || ""); };
      reader.readAsText(file);
    });
    var form = document.getElementById("code-form");
    var button = document.getElementById("code-button");
    if (form && button) {
      form.addEventListener("submit", function () { button.disabled = true; button.textContent = "Coding…"; });
    }
  }

  // Events page: changing a select submits the filters at once.
  function autoSubmit() {
    var form = document.getElementById("filters");
    if (!form) return;
    form.querySelectorAll("select").forEach(function (select) {
      select.addEventListener("change", function () { form.submit(); });
    });
  }

  // Network page: hovering an actor lights its edges.
  function networkHover() {
    var svg = document.getElementById("network");
    if (!svg) return;
    var edges = svg.querySelectorAll(".edge");
    svg.querySelectorAll(".node").forEach(function (node) {
      var id = node.getAttribute("data-node");
      node.addEventListener("mouseenter", function () {
        svg.classList.add("focus");
        edges.forEach(function (e) {
          if (e.getAttribute("data-source") === id || e.getAttribute("data-target") === id) e.classList.add("lit");
        });
      });
      node.addEventListener("mouseleave", function () {
        svg.classList.remove("focus");
        edges.forEach(function (e) { e.classList.remove("lit"); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    fileToTextarea();
    autoSubmit();
    networkHover();
  });
})();
