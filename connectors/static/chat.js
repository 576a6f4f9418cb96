// Tsunagu web chat: talks to POST /api/chat. Every text is inserted with textContent or text nodes —
// never as markup — so nothing a user or the content says can become HTML. Furigana arrives as
// segments [[text, reading|null], …] and is built into <ruby> elements here.
// The page's own words come from the JSON block #ui-labels ({lang: {ui_key: text}}): elements marked
// data-ui="ui_key" (data-ui-aria: their aria-label) are swapped, with textContent, when the resident picks
// a language or plain Japanese; the conversation stays.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var quick = document.getElementById("quick");
  var form = document.getElementById("ask");
  var input = document.getElementById("text");
  var send = document.getElementById("send");
  var langSelect = document.getElementById("lang");
  var plainBox = document.getElementById("plain");
  var statusLine = document.getElementById("status");
  var errorLine = document.getElementById("error");
  var labelBlock = document.getElementById("ui-labels");
  var allLabels = JSON.parse(labelBlock.textContent);
  var pageLang = labelBlock.dataset.lang;      // what the server chose (?lang= or the browser's languages)
  var labels = allLabels[pageLang];
  var plainChanged = false;

  var sessionId = sessionStorage.getItem("tsunagu-session");
  if (!sessionId) {
    sessionId = (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
      : String(Date.now()) + Math.random().toString(16).slice(2);
    sessionStorage.setItem("tsunagu-session", sessionId);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function withRuby(parent, segments) {
    segments.forEach(function (segment) {
      var text = segment[0], reading = segment[1];
      if (reading) {
        var ruby = el("ruby");
        ruby.appendChild(document.createTextNode(text));
        ruby.appendChild(el("rt", null, reading));
        parent.appendChild(ruby);
      } else {
        parent.appendChild(document.createTextNode(text));
      }
    });
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // the language the page's words should be in: plain Japanese when asked for, else the picker's choice,
  // else the language the page was served in
  function labelLanguage() {
    if (plainBox.checked) { return "ja-plain"; }
    if (langSelect.value) { return langSelect.value; }
    return pageLang === "ja-plain" ? "ja" : pageLang;
  }

  function showLabels(code) {
    if (!has(allLabels, code)) { return; }
    labels = allLabels[code];
    document.documentElement.lang = code.split("-")[0];
    document.title = labels.ui_page_title;
    document.querySelectorAll("[data-ui]").forEach(function (node) {
      if (has(labels, node.dataset.ui)) { node.textContent = labels[node.dataset.ui]; }
    });
    document.querySelectorAll("[data-ui-aria]").forEach(function (node) {
      if (has(labels, node.dataset.uiAria)) { node.setAttribute("aria-label", labels[node.dataset.uiAria]); }
    });
  }

  function message(who, label, lang) {
    var item = el("li", "msg " + who);
    if (lang) { item.lang = lang; }
    item.appendChild(el("span", "who", label));
    log.appendChild(item);
    return item;
  }

  function phoneLinks(parent, phones) {
    phones.split(" / ").forEach(function (phone, index) {
      if (index > 0) { parent.appendChild(document.createTextNode(" / ")); }
      var number = (phone.match(/[+0-9][0-9-]{5,}/) || [""])[0];
      if (!number) { parent.appendChild(document.createTextNode(phone)); return; }
      var link = el("a", null, number);
      link.href = "tel:" + number.replace(/-/g, "");
      parent.appendChild(link);
      var rest = phone.replace(number, "").trim();
      if (rest) { parent.appendChild(document.createTextNode(" " + rest)); }
    });
  }

  function handoffCard(handoff) {
    var card = el("section", "handoff");
    card.setAttribute("aria-label", labels.ui_office);
    card.appendChild(el("h3", null, handoff.office.name));
    var list = el("dl");
    var rows = [["ui_phone", null], ["ui_address", handoff.office.address], ["ui_hours", handoff.office.hours]];
    rows.forEach(function (row) {
      list.appendChild(el("dt", null, labels[row[0]]));
      var value = el("dd", null, row[1]);
      if (row[0] === "ui_phone") { phoneLinks(value, handoff.office.phone); }
      list.appendChild(value);
    });
    card.appendChild(list);
    return card;
  }

  function showReply(reply) {
    var item = message("bot", labels.ui_bot, reply.lang === "ja-plain" ? "ja" : reply.lang);
    var text = el("p", "text");
    if (reply.ruby && reply.ruby.length) { withRuby(text, reply.ruby); } else { text.textContent = reply.text; }
    item.appendChild(text);
    if (reply.handoff) { item.appendChild(handoffCard(reply.handoff)); }
    if (reply.sources && reply.sources.length) {
      var sources = el("div", "sources");
      sources.appendChild(el("span", null, labels.ui_source));
      var list = el("ul");
      reply.sources.forEach(function (source) {
        list.appendChild(el("li", null, source.chapter ? source.title + " — " + source.chapter : source.title));
      });
      sources.appendChild(list);
      item.appendChild(sources);
    }
    // each button shows its label and sends its payload back (a language button's is "lang=vi");
    // a server without payloads sends labels only, which are said as typed text
    showQuickReplies(reply.quick_reply_payloads || (reply.quick_replies || []).map(function (label) {
      return { label: label, payload: label };
    }), item.lang);
    followLanguage(reply.register === "plain" ? "ja-plain" : reply.lang);
  }

  // a language chosen in the conversation (a tapped or typed language name) moves the picker along,
  // so the next question does not switch back to the picker's old choice
  function followLanguage(code) {
    if (!langSelect.value || langSelect.value === code) { return; }
    if ([].some.call(langSelect.options, function (option) { return option.value === code; })) {
      langSelect.value = code;
      plainBox.checked = code === "ja-plain";
      showLabels(labelLanguage());
    }
  }

  function showQuickReplies(choices, lang) {
    quick.replaceChildren();
    choices.forEach(function (choice) {
      var button = el("button", null, choice.label);
      button.type = "button";
      if (lang) { button.lang = lang; }
      button.addEventListener("click", function () { ask(choice.label, choice.payload); });
      quick.appendChild(button);
    });
  }

  function ask(text, payload) {
    text = text.trim();
    if (!text) { return; }
    errorLine.hidden = true;
    message("you", labels.ui_you).appendChild(el("p", "text", text));
    var body = { session_id: sessionId, text: text };
    if (payload && payload !== text) { body.payload = payload; }
    if (langSelect.value) { body.lang = langSelect.value; }
    if (plainBox.checked || plainChanged) { body.plain = plainBox.checked; }
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    statusLine.textContent = labels.ui_waiting;
    fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json" },
                         body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          // a server failure brings its own sentence in the resident's language; anything else is ours
          if (!response.ok) {
            throw new Error(response.status >= 500 && data.error ? data.error : labels.ui_error_server);
          }
          return data;
        });
      }, function () { throw new Error(labels.ui_error_network); })
      .then(function (data) {
        plainChanged = false;
        showReply(data);
      })
      .catch(function (problem) {
        errorLine.textContent = problem.message;
        errorLine.hidden = false;
      })
      .finally(function () {
        send.disabled = false;
        log.removeAttribute("aria-busy");
        statusLine.textContent = "";
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    ask(text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  // the two ways to ask for plain Japanese agree with each other
  plainBox.addEventListener("change", function () {
    plainChanged = true;
    if (!plainBox.checked && langSelect.value === "ja-plain") { langSelect.value = "ja"; }
    showLabels(labelLanguage());
  });
  langSelect.addEventListener("change", function () {
    if (langSelect.value === "ja-plain" && !plainBox.checked) { plainBox.checked = true; plainChanged = true; }
    if (langSelect.value && langSelect.value.indexOf("ja") !== 0 && plainBox.checked) {
      plainBox.checked = false;
      plainChanged = true;
    }
    showLabels(labelLanguage());
  });
  document.getElementById("settings").addEventListener("submit", function (event) { event.preventDefault(); });
})();
