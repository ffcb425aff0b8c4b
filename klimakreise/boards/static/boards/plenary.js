/* Plenary view: one circle at a time on a shared screen. Arrow keys (and Page Up/Down, which
   presenter remotes send) step through the circles; Esc shows the overview of all circles. */
(function () {
  "use strict";
  var slides = Array.prototype.slice.call(document.querySelectorAll(".plenary-slide"));
  if (!slides.length) { return; }
  var controls = document.querySelector(".plenary-controls");
  var toc = document.getElementById("plenary-toc");
  var position = document.getElementById("plenary-position");
  var current = -1;  // -1: overview

  function show(index) {
    current = index;
    document.body.classList.toggle("plenary-overview", index < 0);
    slides.forEach(function (slide, i) { slide.hidden = index >= 0 && i !== index; });
    toc.hidden = index >= 0;
    if (index >= 0) {
      position.textContent = slides[index].dataset.position;
      slides[index].focus();
      history.replaceState(null, "", "#" + slides[index].id);
    } else {
      position.textContent = "";
      history.replaceState(null, "", location.pathname);
    }
  }
  function step(delta) {
    var next = current < 0 ? 0 : Math.min(Math.max(current + delta, 0), slides.length - 1);
    show(next);
  }

  controls.hidden = false;
  document.getElementById("plenary-prev").addEventListener("click", function () { step(-1); });
  document.getElementById("plenary-next").addEventListener("click", function () { step(1); });
  document.getElementById("plenary-overview").addEventListener("click", function () { show(-1); });
  toc.addEventListener("click", function (evt) {
    var link = evt.target.closest("a");
    if (!link) { return; }
    evt.preventDefault();
    show(slides.indexOf(document.querySelector(link.getAttribute("href"))));
  });
  document.addEventListener("keydown", function (evt) {
    if (evt.altKey || evt.ctrlKey || evt.metaKey || evt.target.matches("input, textarea, select")) { return; }
    if (evt.key === "ArrowRight" || evt.key === "ArrowDown" || evt.key === "PageDown") { step(1); }
    else if (evt.key === "ArrowLeft" || evt.key === "ArrowUp" || evt.key === "PageUp") { step(-1); }
    else if (evt.key === "Escape") { show(-1); toc.querySelector("a").focus(); }
    else { return; }
    evt.preventDefault();
  });
  var start = slides.findIndex(function (slide) { return "#" + slide.id === location.hash; });
  show(start);
}());
