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

/* Live plenary: the edition's stream (Server-Sent Events, ids only) says when any of its boards
   changed; the page is then fetched again and the slides' contents replaced in place, so the
   slide on screen stays. Without a stream (or after it failed repeatedly) the page is fetched
   every POLL_MS. A new or removed circle reloads the whole page. */
(function () {
  "use strict";
  var live = document.getElementById("plenary-live");
  if (!live) { return; }
  var POLL_MS = 15000;
  var MAX_FAILURES = 5;
  var streamOpen = false;
  var fetching = false;
  var again = false;

  function setState(next, text) {
    live.dataset.state = next;
    live.textContent = text;
  }
  function ids(root) {
    return Array.prototype.map.call(root.querySelectorAll(".plenary-slide"), function (s) { return s.id; }).join(" ");
  }
  function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    fetch(location.pathname, {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        if (ids(fresh) !== ids(document)) { location.reload(); return; }
        fresh.querySelectorAll(".plenary-slide").forEach(function (slide) {
          document.getElementById(slide.id).innerHTML = slide.innerHTML;
        });
        var toc = fresh.getElementById("plenary-toc");
        if (toc) { document.getElementById("plenary-toc").innerHTML = toc.innerHTML; }
      })
      .catch(function () { if (!streamOpen) { setState("lost", live.dataset.msgReconnecting); } })
      .then(function () {
        fetching = false;
        if (again) { again = false; refresh(); }
      });
  }
  setState("live", live.dataset.msgLive);
  setInterval(function () { if (!streamOpen && !document.hidden) { refresh(); } }, POLL_MS);

  if (!window.EventSource || !live.dataset.streamUrl) { return; }
  var source = new EventSource(live.dataset.streamUrl);
  var failures = 0;
  source.addEventListener("open", function () {
    failures = 0;
    streamOpen = true;
    setState("stream", live.dataset.msgStreamLive);
    refresh();  // whatever changed before the stream opened
  });
  source.addEventListener("change", refresh);
  source.addEventListener("reload", refresh);
  source.addEventListener("error", function () {
    streamOpen = false;
    failures += 1;
    if (!navigator.onLine) {
      setState("offline", live.dataset.msgOffline);
    } else if (failures >= MAX_FAILURES || source.readyState === EventSource.CLOSED) {
      source.close();
      setState("live", live.dataset.msgLive);  // polling again
    } else {
      setState("reconnecting", live.dataset.msgReconnecting);
    }
  });
}());
