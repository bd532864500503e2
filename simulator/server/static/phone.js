/* The phone page, enhanced: votes sent without reloading, the page kept up to date over server-sent events.
   Without this script the page still works: the forms post and "Check for updates" reloads. */
(function () {
  "use strict";
  var live = document.getElementById("live");
  var status = document.getElementById("status");
  if (!live || !window.fetch) { return; }
  var version = parseInt(live.getAttribute("data-version") || "0", 10);
  var said = status ? status.textContent : "";
  var ticking = null;

  function announce(text) {
    if (status && text && text !== said) { said = text; status.textContent = text; }
  }

  /* A vote that did not go through says so where the phone's owner is looking (and is read out), until
     the next one does. */
  var problem = null;
  function showProblem(text) {
    if (!text) {
      if (problem) { problem.parentNode.removeChild(problem); problem = null; }
      return;
    }
    if (!problem) {
      problem = document.createElement("p");
      problem.className = "problem";
      problem.setAttribute("role", "alert");
      live.parentNode.insertBefore(problem, live);
    }
    problem.textContent = text;
  }

  function startTimer() {
    if (ticking) { clearInterval(ticking); ticking = null; }
    var tick = live.querySelector(".tick");
    if (!tick) { return; }
    var ends = Date.now() + 1000 * parseInt(tick.getAttribute("data-left") || "0", 10);
    ticking = setInterval(function () {
      var left = Math.max(0, Math.round((ends - Date.now()) / 1000));
      tick.textContent = Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2);
      if (left === 0) { clearInterval(ticking); ticking = null; }
    }, 1000);
  }

  /* Only the parts that changed are replaced: the count going up as others vote must not swap the buttons under
     a finger mid-tap (the tap is lost), nor close "What was said just before" once it is open. */
  function morph(html) {
    var fresh = document.createElement("div");
    fresh.innerHTML = html;
    var olds = Array.prototype.slice.call(live.children);
    var news = Array.prototype.slice.call(fresh.children);
    if (olds.length !== news.length || fresh.childNodes.length !== news.length) { live.innerHTML = html; return; }
    for (var i = 0; i < news.length; i++) {
      if (olds[i].tagName === "DETAILS" && news[i].tagName === "DETAILS" && olds[i].open) { news[i].open = true; }
      if (olds[i].tagName === "H1" && news[i].tagName === "H1" && olds[i].hasAttribute("tabindex")) { news[i].setAttribute("tabindex", "-1"); }
      if (!olds[i].isEqualNode(news[i])) { live.replaceChild(news[i], olds[i]); }
    }
  }

  function swap(html, newVersion) {
    if (typeof newVersion === "number") {
      if (newVersion < version) { return; }
      version = newVersion;
    }
    var focused = document.activeElement;
    var value = focused && live.contains(focused) && focused.name === "option" ? focused.value : null;
    var hadFocus = focused && live.contains(focused);
    morph(html);
    if (hadFocus && document.activeElement === focused) { return startTimer(); }
    if (value !== null) {
      var again = live.querySelector('button[name="option"][value="' + (window.CSS && CSS.escape ? CSS.escape(value) : value) + '"]');
      if (again) { again.focus(); return startTimer(); }
    }
    if (hadFocus) {
      var heading = live.querySelector("h1");
      if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
    }
    startTimer();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-live")) { return; }
    var button = event.submitter;
    if (!button || button.name !== "option") { return; }
    event.preventDefault();
    var body = new URLSearchParams();
    body.append("option", button.value);
    /* A phone that has wandered off the Wi-Fi may get no answer at all rather than an error: after a while it is
       told its vote was not sent, instead of waiting for ever. */
    var giveUp = window.AbortController ? new AbortController() : null;
    var timer = giveUp ? setTimeout(function () { giveUp.abort(); }, 8000) : null;
    fetch(form.getAttribute("action"), {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "Accept": "application/json" }, signal: giveUp ? giveUp.signal : undefined
    }).then(function (response) {
      clearTimeout(timer);
      return response.json();
    }).then(function (reply) {
      showProblem(reply.ok ? "" : reply.said);
      if (reply.html) { swap(reply.html, reply.version); }
      if (reply.ok && reply.said) { said = ""; announce(reply.said); }
    }).catch(function () {
      clearTimeout(timer);
      showProblem("Your " + (form.getAttribute("data-word") || "vote") + " may not have reached the room: this phone cannot reach it just now. Check it is on the room's Wi-Fi, then tap again.");
    });
  });

  if (window.EventSource) {
    /* The server sends something at least every 5 seconds. A phone that drops off the Wi-Fi is seldom told: its
       connection just goes quiet. So after QUIET_MS of silence the page says it has lost touch and connects again. */
    var LOST = "This phone has lost touch with the room (is it still on the room's Wi-Fi?). Trying again; any vote you cast is kept.";
    var QUIET_MS = 12000;
    var ended = false;
    var source = null;
    var heard = Date.now();
    var hear = function () {
      heard = Date.now();
      if (problem && problem.textContent === LOST) { showProblem(""); }
    };
    var connect = function () {
      heard = Date.now();
      source = new EventSource("/events");
      source.onopen = hear;
      source.addEventListener("alive", hear);
      source.onerror = function () {
        if (ended) { source.close(); return; }
        showProblem(source.readyState === 2 ? "This phone has lost the room. Reload this page, or scan the code on the screen again." : LOST);
      };
      source.onmessage = function (event) {
        var data;
        hear();
        try { data = JSON.parse(event.data); } catch (e) { return; }
        ended = data.ended === true;
        swap(data.html, data.version);
        announce(data.said);
      };
    };
    connect();
    setInterval(function () {
      if (ended || Date.now() - heard < QUIET_MS) { return; }
      showProblem(LOST);
      source.close();
      connect();
    }, 2000);
  }
  startTimer();
}());
