/* Dragging cards on the pin board, with the mouse or a finger (Pointer Events: one code path
   for both), and the columns' quick-add fields.
   A card is dragged by its handle (⠿). Dropped on the upper or lower part of another card it
   goes before or after it; on the middle of a card it is stacked with it; on a column's free
   space it goes to the end. The drop posts what the buttons post (the move or stack address,
   with the card's version), so the server checks versions, the lock and hidden writing as for
   the buttons, and answers with the board and the save status; a conflict (409) shows the
   newer board and the message. The move buttons and the "Stack with" form stay the keyboard way.
   While a drag is under way the board carries data-dragging: board.js neither starts nor swaps
   a refresh then (a pushed change is fetched after the drop). Escape cancels a drag. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.htmx) { return; }
  var saveStatus = document.getElementById("save-status");
  var THRESHOLD = 6;  // pixels before a press becomes a drag
  var drag = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function post(url, values) {
    values.csrfmiddlewaretoken = csrfToken();
    // The source lies outside the board: it survives the swap, and board.js shows failures.
    htmx.ajax("POST", url, {source: saveStatus, target: "#board", swap: "innerHTML", values: values});
  }
  function clearMarks() {
    board.querySelectorAll(".drop-before, .drop-after, .drop-stack, .drop-end").forEach(function (el) {
      el.classList.remove("drop-before", "drop-after", "drop-stack", "drop-end");
    });
  }
  function stackOf(card) { return card.getAttribute("data-stack") || ""; }

  function dropAt(x, y) {
    var under = document.elementFromPoint(x, y);
    var column = under && under.closest(".board-column");
    if (!column || !board.contains(column)) { return null; }
    var target = under.closest(".board-card");
    if (target === drag.card) { return null; }
    if (!target) { return {kind: "end", column: column, mark: column}; }
    var box = target.getBoundingClientRect();
    var part = (y - box.top) / box.height;
    var sameStack = stackOf(target) && stackOf(target) === stackOf(drag.card);
    if (part > 0.3 && part < 0.7 && !sameStack) {
      return {kind: "stack", card: target, column: column, mark: target};
    }
    return {kind: part <= 0.5 ? "before" : "after", card: target, column: column, mark: target};
  }

  function positionIn(column, target, kind) {
    // The place among the column's other cards, in the order the server keeps (data-position).
    var cards = Array.prototype.filter.call(column.querySelectorAll(".board-card"), function (c) {
      return c !== drag.card;
    });
    cards.sort(function (a, b) {
      return (parseInt(a.dataset.position, 10) - parseInt(b.dataset.position, 10)) ||
        (parseInt(a.dataset.card, 10) - parseInt(b.dataset.card, 10));
    });
    if (kind === "end") { return cards.length; }
    var index = cards.indexOf(target);
    return kind === "after" ? index + 1 : index;
  }

  function send(drop) {
    var card = drag.card;
    var base = card.querySelector("form[action$='/move/']");
    if (!base) { return; }
    var moveUrl = base.getAttribute("action");
    if (drop.kind === "stack") {
      post(moveUrl.replace(/move\/$/, "stack/"), {
        version: card.dataset.version, target: "card-" + drop.card.dataset.card
      });
      return;
    }
    post(moveUrl, {
      version: card.dataset.version,
      column: drop.column.dataset.column,
      position: positionIn(drop.column, drop.card, drop.kind)
    });
  }

  function start(evt) {
    drag.moved = true;
    board.setAttribute("data-dragging", "true");
    var ghost = drag.card.cloneNode(true);
    ghost.removeAttribute("id");
    ghost.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    ghost.classList.add("drag-ghost");
    ghost.setAttribute("aria-hidden", "true");
    ghost.inert = true;
    ghost.style.width = drag.card.getBoundingClientRect().width + "px";
    document.body.appendChild(ghost);
    drag.ghost = ghost;
    drag.card.classList.add("drag-source");
    follow(evt);
  }
  function follow(evt) {
    drag.ghost.style.left = (evt.clientX - drag.dx) + "px";
    drag.ghost.style.top = (evt.clientY - drag.dy) + "px";
    clearMarks();
    drag.drop = dropAt(evt.clientX, evt.clientY);
    if (drag.drop) { drag.drop.mark.classList.add("drop-" + drag.drop.kind); }
  }
  function finish(dropIt) {
    var current = drag;
    drag = null;
    clearMarks();
    if (current.ghost) { current.ghost.remove(); }
    current.card.classList.remove("drag-source");
    board.removeAttribute("data-dragging");
    if (dropIt && current.moved && current.drop) {
      drag = current;  // send() reads the dragged card
      send(current.drop);
      drag = null;
    }
  }

  board.addEventListener("pointerdown", function (evt) {
    var handle = evt.target.closest(".drag-handle");
    if (!handle || drag || (evt.pointerType === "mouse" && evt.button !== 0)) { return; }
    var card = handle.closest(".board-card");
    var box = card.getBoundingClientRect();
    evt.preventDefault();
    try { handle.setPointerCapture(evt.pointerId); } catch (ignored) { /* a pointer already gone */ }
    drag = {
      card: card, handle: handle, pointerId: evt.pointerId, x: evt.clientX, y: evt.clientY,
      dx: evt.clientX - box.left, dy: evt.clientY - box.top, moved: false, drop: null
    };
  });
  board.addEventListener("pointermove", function (evt) {
    if (!drag || evt.pointerId !== drag.pointerId) { return; }
    if (!drag.moved) {
      if (Math.abs(evt.clientX - drag.x) + Math.abs(evt.clientY - drag.y) < THRESHOLD) { return; }
      start(evt);
      return;
    }
    follow(evt);
  });
  board.addEventListener("pointerup", function (evt) {
    if (drag && evt.pointerId === drag.pointerId) { finish(true); }
  });
  board.addEventListener("pointercancel", function (evt) {
    if (drag && evt.pointerId === drag.pointerId) { finish(false); }
  });
  document.addEventListener("keydown", function (evt) {
    if (drag && evt.key === "Escape") { finish(false); }
  });

  // Quick-add: the form is kept through refreshes (hx-preserve), so what someone is typing
  // stays. A refused try comes back without the mark (htmx would otherwise keep the old form
  // instead of the one with the error); it gets it again once it is in the page. After its own
  // card was added the form is emptied for the next one.
  document.body.addEventListener("htmx:afterSwap", function (evt) {
    var form = evt.detail.elt;
    if (form && form.matches && form.matches(".quick-add")) {
      form.setAttribute("hx-preserve", "true");
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (evt) {
    var form = evt.detail.elt;
    if (!form.matches || !form.matches(".quick-add") || !evt.detail.xhr) { return; }
    if (evt.detail.xhr.status !== 200) { return; }
    var current = document.getElementById(form.id) || form;
    current.reset();
    var error = current.querySelector(".quick-add-error");
    if (error) { error.remove(); }
    var input = current.querySelector("input[name=text]");
    input.removeAttribute("aria-invalid");
    input.removeAttribute("aria-describedby");
    input.removeAttribute("value");  // a refused try left its text as the default
    input.value = "";
    input.focus();
  });
}());
