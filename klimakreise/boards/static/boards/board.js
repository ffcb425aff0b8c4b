/* Live pin board: polls the card lists, shows whether the board is live and whether the last
   change was saved. Nothing someone is typing is ever replaced: edit forms live on their own
   pages, the add form is outside the refreshed region, and polling pauses while a control inside
   the board has focus.
   Saving: the server answers a refused change (409 conflict, 422 invalid) with the board and its
   own save status; htmx swaps nothing on other errors (see _head.html), so every other failure
   (no connection, 403, 5xx) is shown here, in the page's language (the data-msg-* attributes).
   Revisions: every answer that carries the board sends its revision in the X-Board-Revision
   header, and the board shows it in data-revision. The ETag (data-etag) only goes back to the
   server, so that it can answer 304; it is never taken apart here.
   Push: an EventSource on the board's stream tells the newest revision (ids only); a newer one
   triggers the same refresh ("kk:changed"), so the reading rules stay on the server. While the
   stream is open, the timed polls are skipped unless a pushed refresh is still pending (it was
   held back while someone typed, or it failed). When the stream fails repeatedly, the timed
   polls take over again (304 when nothing changed). */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.htmx) { return; }
  var live = document.getElementById("board-live");
  var refreshed = document.getElementById("board-refreshed");
  var saveStatus = document.getElementById("save-status");
  var state = "";

  function setState(next, text) {
    if (state === next) { return; }  // announce changes only, not every refresh
    state = next;
    live.dataset.state = next;
    live.textContent = text;
  }
  var REVISION_HEADER = "X-Board-Revision";

  function currentEtag() {
    var holder = board.querySelector("[data-etag]");
    return holder ? holder.getAttribute("data-etag") : "";
  }
  function asRevision(value) {
    var number = parseInt(value, 10);
    return isNaN(number) ? -1 : number;
  }
  function currentRevision() {
    var holder = board.querySelector("[data-revision]");
    return holder ? asRevision(holder.getAttribute("data-revision")) : -1;
  }
  function carriesBoard(xhr) {
    return xhr.getResponseHeader && xhr.getResponseHeader(REVISION_HEADER) !== null;
  }
  function isPoll(evt) {
    // The element that sent the request: in htmx:beforeSwap, detail.elt is the swap target,
    // which is the board for the add form's answer too.
    var source = evt.detail.requestConfig ? evt.detail.requestConfig.elt : evt.detail.elt;
    return source === board;
  }
  function showUnsaved(text) {
    var message = document.createElement("span");
    message.className = "save-message failed";
    message.textContent = text;
    saveStatus.replaceChildren(message);  // a new node: announced again even if the text repeats
  }
  function failureMessage(xhr, status) {
    if (status === 0) { return board.dataset.msgUnsaved; }
    if (status < 400) { return ""; }
    if (status === 409 || status === 422) {
      // An answer with the board carries the save status (swapped out of band); the add
      // form's answer (422) shows the errors at its fields but leaves the save status to us.
      if (carriesBoard(xhr)) { return ""; }
      return status === 422 ? board.dataset.msgInvalid : board.dataset.msgFailed;
    }
    return status === 403 ? board.dataset.msgForbidden : board.dataset.msgFailed;
  }
  var streamOpen = false;
  var pending = false;  // a pushed change not yet shown
  var pushed = false;   // the next request is the pushed refresh, not a timed poll
  function typingInBoard() {
    var active = document.activeElement;
    return active && board.contains(active) && active.matches("input, select, textarea");
  }

  setState("live", board.dataset.msgLive);

  document.body.addEventListener("htmx:configRequest", function (evt) {
    if (isPoll(evt)) { evt.detail.headers["If-None-Match"] = currentEtag(); }
  });
  document.body.addEventListener("htmx:beforeRequest", function (evt) {
    if (!isPoll(evt)) { return; }
    var timed = !pushed;
    pushed = false;
    if (typingInBoard() || (timed && streamOpen && !pending)) { evt.preventDefault(); }
  });
  document.body.addEventListener("htmx:beforeSwap", function (evt) {
    if (!isPoll(evt)) { return; }
    var xhr = evt.detail.xhr;
    // A refresh that started before one's own change must not put the older board back.
    if (xhr.status === 304 || asRevision(xhr.getResponseHeader(REVISION_HEADER)) < currentRevision()) {
      evt.detail.shouldSwap = false;
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (evt) {
    var status = evt.detail.xhr ? evt.detail.xhr.status : 0;
    if (isPoll(evt)) {
      if (status === 200 || status === 304) {
        pending = false;
        if (!streamOpen) { setState("live", board.dataset.msgLive); }
        refreshed.textContent = board.dataset.msgRefreshed + " " + new Date().toLocaleTimeString();
      } else if (!streamOpen) {
        setState("lost", board.dataset.msgLost);
      }
      return;
    }
    var failed = failureMessage(evt.detail.xhr || {}, status);
    if (failed) { showUnsaved(failed); }
    if (evt.detail.elt.id === "add-card-form" && status === 200) {
      evt.detail.elt.reset();
      var text = evt.detail.elt.querySelector("textarea");
      if (text) { text.focus(); }
    }
  });
  document.body.addEventListener("htmx:sendError", function (evt) {
    if (isPoll(evt) && !streamOpen) { setState("lost", board.dataset.msgLost); }
  });
  document.body.addEventListener("htmx:timeout", function (evt) {
    if (isPoll(evt) && !streamOpen) { setState("lost", board.dataset.msgLost); }
  });

  var MAX_FAILURES = 5;  // then the timed polls take over for good (until the page is reloaded)
  function listen() {
    if (!window.EventSource || !board.dataset.streamUrl) { return; }
    var source = new EventSource(board.dataset.streamUrl);
    var failures = 0;
    function changed(evt) {
      failures = 0;
      if (evt.type === "reload" || asRevision(evt.data) > currentRevision()) {
        pending = true;
        pushed = true;
        htmx.trigger(board, "kk:changed");
      }
    }
    source.addEventListener("open", function () {
      failures = 0;
      streamOpen = true;
      setState("stream", board.dataset.msgStreamLive);
      // Whatever happened before the stream opened: one refresh catches up (304 if nothing).
      changed({type: "reload"});
    });
    source.addEventListener("presence", function (evt) {
      // People online on this board, counted across app processes (no id: not a revision).
      var online = document.getElementById("board-online");
      if (online) { online.textContent = online.dataset.msgOnline.replace("{n}", evt.data); }
    });
    source.addEventListener("change", changed);
    source.addEventListener("reload", changed);
    source.addEventListener("error", function () {
      streamOpen = false;
      failures += 1;
      if (!navigator.onLine) {
        setState("offline", board.dataset.msgOffline);
      } else if (failures >= MAX_FAILURES || source.readyState === EventSource.CLOSED) {
        source.close();
        setState("live", board.dataset.msgLive);  // the timed polls again
      } else {
        setState("reconnecting", board.dataset.msgReconnecting);
      }
    });
  }
  listen();
}());
