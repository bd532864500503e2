/* The facilitator's page, kept up to date over server-sent events (the controls are plain forms). */
(function () {
  "use strict";
  var now = document.getElementById("now");
  if (!now || !window.EventSource) { return; }
  var version = parseInt(now.getAttribute("data-version") || "0", 10);
  var reloadAt = null;
  var source = new EventSource(window.location.pathname + "/events");
  source.onmessage = function (event) {
    var data;
    try { data = JSON.parse(event.data); } catch (e) { return; }
    if (data.version <= version) { return; }
    version = data.version;
    now.innerHTML = data.html;
    if (data.stage !== now.getAttribute("data-stage")) {
      now.setAttribute("data-stage", data.stage);
      if (reloadAt === null && document.activeElement === document.body) { reloadAt = setTimeout(function () { window.location.reload(); }, 300); }
    }
  };
}());
