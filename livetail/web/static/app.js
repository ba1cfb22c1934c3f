// livetail's page script: local times, copy buttons, and live updates over Server-Sent Events.
// Progressive enhancement only: every page works without it. No inline script anywhere (CSP).
(function () {
  "use strict";

  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  var relFormat = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }) : null;

  function relative(iso) {
    var seconds = (Date.parse(iso) - Date.now()) / 1000;
    if (!relFormat || isNaN(seconds)) return "";
    if (Math.abs(seconds) < 45) return seconds < 0 ? "just now" : relFormat.format(Math.round(seconds), "second");
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(seconds) >= UNITS[i][1]) return relFormat.format(Math.trunc(seconds / UNITS[i][1]), UNITS[i][0]);
    }
    return "";
  }

  function localise(root) {
    root.querySelectorAll("time[data-local]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) return;
      el.title = el.getAttribute("datetime");
      el.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    });
    root.querySelectorAll("[data-rel]").forEach(function (el) {
      var text = relative(el.getAttribute("data-rel"));
      if (text) el.textContent = text;
    });
  }

  function setupCopy(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = button.getAttribute("data-copy");
        var done = function () {
          button.textContent = "Copied";
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(done, function () {});
        } else {
          var input = button.parentNode.querySelector("input");
          if (input) { input.select(); document.execCommand("copy"); done(); }
        }
      });
    });
  }

  // -- live updates -------------------------------------------------------------------------

  var DROP = "script,iframe,object,embed,style,link,meta,base,form,frame,frameset";

  function fragment(html) {
    // <template> parses inertly: nothing loads or runs; the server already sanitised it.
    var t = document.createElement("template");
    t.innerHTML = html || "";
    t.content.querySelectorAll(DROP).forEach(function (n) { n.remove(); });
    t.content.querySelectorAll("*").forEach(function (n) {
      Array.prototype.slice.call(n.attributes).forEach(function (a) {
        var value = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
        if (/^on/i.test(a.name) || /^(javascript|data|vbscript):/.test(value)) n.removeAttribute(a.name);
      });
    });
    return t.content;
  }

  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  function byUid(list, uid) {
    var items = list.querySelectorAll("li.update");
    for (var i = 0; i < items.length; i++) if (items[i].getAttribute("data-uid") === uid) return items[i];
    return null;
  }

  function badge(li, cls, label, iso) {
    var badges = li.querySelector(".badges");
    var old = badges.querySelector("." + cls);
    if (old) old.remove();
    var span = document.createElement("span");
    span.className = "badge " + cls;
    span.textContent = label + " ";
    if (iso) {
      var time = document.createElement("time");
      time.setAttribute("datetime", iso);
      time.setAttribute("data-local", "");
      time.textContent = iso;
      span.appendChild(time);
    }
    badges.appendChild(span);
  }

  function fill(li, update, when) {
    li.setAttribute("data-uid", update.uid);
    var time = li.querySelector(".when time");
    time.setAttribute("datetime", when);
    time.textContent = when;
    li.querySelector(".when [data-rel]").setAttribute("data-rel", when);
    var title = li.querySelector(".title");
    title.textContent = "";
    var url = safeUrl(update.url);
    var holder = title;
    if (url) {
      holder = document.createElement("a");
      holder.href = url;
      holder.rel = "noopener noreferrer nofollow";
      title.appendChild(holder);
    }
    holder.textContent = update.title || "";
    var body = li.querySelector(".body");
    body.textContent = "";
    body.appendChild(fragment(update.content_html));
  }

  function insert(list, li, when) {
    var items = list.querySelectorAll("li.update");
    for (var i = 0; i < items.length; i++) {
      var t = items[i].querySelector(".when time");
      if (t && Date.parse(t.getAttribute("datetime")) < Date.parse(when)) { list.insertBefore(li, items[i]); return; }
    }
    list.appendChild(li);
  }

  function fresh() {
    var template = document.getElementById("update-template");
    return template.content.firstElementChild.cloneNode(true);
  }

  function onTimeline(list, type, event) {
    var update = event.data.update || {};
    var when = update.published || event.timestamp;
    var li = byUid(list, update.uid);
    var created = !li;
    if (created) li = fresh();
    if (type !== "update.deleted" || created) fill(li, update, when);
    if (type === "update.edited") {
      li.classList.add("edited");
      badge(li, "badge-edited", "Edited", update.modified || event.timestamp);
    } else if (type === "update.deleted") {
      li.classList.add("retracted");
      ["title", "body"].forEach(function (name) {
        var el = li.querySelector("." + name);
        if (!el || el.querySelector(":scope > del")) return;
        var del = document.createElement("del");
        while (el.firstChild) del.appendChild(el.firstChild);
        el.appendChild(del);
      });
      badge(li, "badge-retracted", "Retracted", event.timestamp);
    }
    if (created) {
      li.classList.add("arrived");
      insert(list, li, when);
    }
    localise(li);
    var empty = document.querySelector(".empty");
    if (empty) empty.remove();
    var count = document.querySelector("h2 .count");
    if (count && created) count.textContent = "(" + list.querySelectorAll("li.update").length + ")";
  }

  function onDashboard(type, event) {
    var row = document.querySelector('tr[data-source="' + CSS.escape(event.data.source.name) + '"]');
    if (!row || type !== "update.created") return;
    ["[data-stored]", "[data-hour]"].forEach(function (sel) {
      var cell = row.querySelector(sel);
      if (cell) cell.textContent = String((parseInt(cell.textContent, 10) || 0) + 1);
    });
    var latest = row.querySelector("[data-latest]");
    if (latest) latest.textContent = event.data.update.title || "";
    row.classList.add("arrived");
  }

  function live() {
    var url = document.body.getAttribute("data-events");
    if (!url || !window.EventSource) return;
    var status = document.getElementById("live-status");
    var list = document.getElementById("timeline");
    var source = new EventSource(url);
    var seen = {};
    ["update.created", "update.edited", "update.deleted"].forEach(function (type) {
      source.addEventListener(type, function (message) {
        if (seen[message.lastEventId]) return;
        seen[message.lastEventId] = true;
        var event;
        try { event = JSON.parse(message.data); } catch (e) { return; }
        if (list) onTimeline(list, type, event); else onDashboard(type, event);
      });
    });
    source.addEventListener("open", function () { status.hidden = false; status.textContent = "live"; status.className = "live-status on"; });
    source.addEventListener("error", function () { status.hidden = false; status.textContent = "reconnecting…"; status.className = "live-status off"; });
  }

  function start() {
    localise(document);
    setupCopy(document);
    live();
    setInterval(function () {
      document.querySelectorAll("[data-rel]").forEach(function (el) {
        var text = relative(el.getAttribute("data-rel"));
        if (text) el.textContent = text;
      });
    }, 30000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
