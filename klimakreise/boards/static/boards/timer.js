// Counts down to each <time class="countdown" datetime="…"> (the end is kept by the server;
// without JavaScript the end time is shown). Works on boards replaced by the refresh too.
(function () {
  function tick() {
    document.querySelectorAll("time.countdown").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("datetime")) - Date.now()) / 1000);
      if (isNaN(left)) return;
      left = Math.max(0, left);
      var m = Math.floor(left / 60), s = left % 60;
      var out = el.parentNode.querySelector(".countdown-left");
      if (out) out.textContent = "(" + m + ":" + (s < 10 ? "0" : "") + s + ")";
    });
  }
  setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", tick);
})();
