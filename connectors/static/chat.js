// Tsunagu web chat: talks to POST /api/chat. Every text is inserted with textContent or text nodes —
// never as markup — so nothing a user or the content says can become HTML. Furigana arrives as
// segments [[text, reading|null], …] and is built into <ruby> elements here.
// The page's own words come from the JSON block #ui-labels ({lang: {ui_key: text}}): elements marked
// data-ui="ui_key" (data-ui-aria: their aria-label) are swapped, with textContent, when the resident picks
// a language or the conversation turns out to be in another one.
// The conversation is kept in localStorage (the replies as received) so a reload shows it again; a page
// opened with ?session=ID (or one whose copy is gone) restores the texts from GET /api/chat/history.
(function () {
  "use strict";
  var STORE = "tsunagu-chat";
  var log = document.getElementById("log");
  var quick = document.getElementById("quick");
  var form = document.getElementById("ask");
  var input = document.getElementById("text");
  var send = document.getElementById("send");
  var langSelect = document.getElementById("lang");
  var plainBox = document.getElementById("plain");
  var statusLine = document.getElementById("status");
  var errorLine = document.getElementById("error");
  var counter = document.getElementById("counter");
  var tooLong = document.getElementById("too-long");
  var restart = document.getElementById("new-conversation");
  var labelBlock = document.getElementById("ui-labels");
  var allLabels = JSON.parse(labelBlock.textContent);
  var pageLang = labelBlock.dataset.lang;      // what the server chose (?lang= or the browser's languages)
  var maxChars = parseInt(input.dataset.maxChars, 10) || 2000;
  var labels = allLabels[pageLang];
  var labelCode = pageLang;
  var plainChanged = false;
  var saved = { session: "", items: [], lang: "" };   // items: {who: "you", text} | {who: "bot", reply, rating}

  function newId() {
    return (window.crypto && crypto.randomUUID) ? crypto.randomUUID()
      : String(Date.now()) + Math.random().toString(16).slice(2);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function has(object, key) { return !!object && Object.prototype.hasOwnProperty.call(object, key); }

  function word(key, values) {
    var text = has(labels, key) ? labels[key] : (allLabels.en && allLabels.en[key]) || "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(values[name]); });
    return text;
  }

  function keep() {
    try { localStorage.setItem(STORE, JSON.stringify(saved)); } catch (ignored) { /* private mode: no copy */ }
  }

  // -- phone numbers become tel: links ---------------------------------------------------------------
  // Japanese numbers with hyphens (0570-013904, 03-5796-7112, 0570-05-1165), ten or eleven digits, #-numbers (#9110)
  // and the short emergency and service numbers; never part of a longer run of digits.
  var PHONE = /(\+81[- ]?\d{1,4}-\d{1,4}-\d{3,4}|(?<![\d-])0\d{1,4}(?:-\d{1,4})?-\d{3,6}(?![\d-])|(?<![\d-])0\d{9,10}(?![\d-])|#\d{4}(?!\d)|(?<![\d#-]|\d[.,])(?:110|118|119|171|189)(?![\d-]|[.,]\d))/g;

  function telOf(number) { return "tel:" + number.replace(/[^0-9+#]/g, "").replace("#", "%23"); }

  function linkedText(parent, text) {
    var last = 0;
    text.replace(PHONE, function (number, _group, at) {
      if (at > last) { parent.appendChild(document.createTextNode(text.slice(last, at))); }
      var link = el("a", "tel", number);
      link.href = telOf(number);
      parent.appendChild(link);
      last = at + number.length;
      return number;
    });
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
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
        linkedText(parent, text);
      }
    });
  }

  // -- the page's words ------------------------------------------------------------------------------
  function labelLanguage() {
    if (plainBox.checked) { return "ja-plain"; }
    if (langSelect.value) { return langSelect.value; }
    return labelCode === "ja-plain" ? "ja" : labelCode;
  }

  function showLabels(code) {
    if (!has(allLabels, code)) { return; }
    labels = allLabels[code];
    labelCode = code;
    document.documentElement.lang = code.split("-")[0];
    document.title = labels.ui_page_title;
    var ruby = code === "ja-plain" && allLabels._ruby ? allLabels._ruby : {};
    document.querySelectorAll("[data-ui]").forEach(function (node) {
      var key = node.dataset.ui;
      if (!has(labels, key)) { return; }
      // plain Japanese: the page's words get furigana too (an <option> can hold text only)
      if (has(ruby, key) && node.tagName !== "OPTION") {
        node.replaceChildren();
        withRuby(node, ruby[key]);
      } else {
        node.textContent = labels[key];
      }
    });
    document.querySelectorAll("[data-ui-aria]").forEach(function (node) {
      if (has(labels, node.dataset.uiAria)) { node.setAttribute("aria-label", labels[node.dataset.uiAria]); }
    });
    updateCounter();
    if (!saved.items.length) { showStarters(); }
  }

  // -- messages and cards ----------------------------------------------------------------------------
  function message(who, label, lang) {
    var item = el("li", "msg " + who);
    if (lang) { item.lang = lang; }
    item.appendChild(el("span", "who", label));
    log.appendChild(item);
    return item;
  }

  function callButton(tel, number, big) {
    var link = el("a", big ? "call big" : "call", "☎ " + word("ui_call", { number: number }));
    link.href = tel || telOf(number);
    return link;
  }

  function mapLink(address) {
    var link = el("a", "map", word("ui_map"));
    link.href = "https://www.google.com/maps/search/?api=1&query=" + encodeURIComponent(address);
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    return link;
  }

  // an office from the `office` field (name, phones, address, hours, purpose) or an older handoff card
  // (name, phone, address, hours); any missing part is simply not shown
  // "0570-011000 (IP phone / from abroad: 03-5363-3013) / 03-1234-5678" → its two numbers with their notes:
  // a " / " inside brackets belongs to the note
  function topLevelParts(text) {
    var parts = [], depth = 0, start = 0;
    for (var i = 0; i < text.length; i += 1) {
      var c = text.charAt(i);
      if (c === "(" || c === "（") { depth += 1; }
      else if ((c === ")" || c === "）") && depth > 0) { depth -= 1; }
      else if (depth === 0 && text.substr(i, 3) === " / ") { parts.push(text.slice(start, i)); start = i + 3; i += 2; }
    }
    parts.push(text.slice(start));
    return parts.map(function (part) { return part.trim(); }).filter(Boolean);
  }

  function officeOf(reply) {
    var office = reply.office || (reply.handoff && reply.handoff.office);
    if (!office || !office.name) { return null; }
    var phones = office.phones || (office.phone ? topLevelParts(String(office.phone)) : []);
    return { name: office.name, nameJa: office.name_ja && office.name_ja !== office.name ? office.name_ja : "",
             purpose: office.purpose || "", section: office.section || "", counter: office.counter || "",
             how: office.how || "", phones: phones,
             address: office.address || "", mapQuery: office.map_query || "", hours: office.hours || "" };
  }

  function officeCard(office) {
    var card = el("section", "office-card");
    card.setAttribute("aria-label", word("ui_office"));
    card.appendChild(el("h3", null, office.name));
    if (office.nameJa) { card.appendChild(el("p", "name-ja", office.nameJa)).lang = "ja"; }
    // the counter's Japanese name to show there ("At the counter, show this: 子育て支援の窓口（児童手当）")
    if (office.counter) { card.appendChild(el("p", "section counter", office.counter)); }
    else if (office.section) { card.appendChild(el("p", "section", office.section)); }
    if (office.purpose) { card.appendChild(el("p", "purpose", office.purpose)); }
    // an office whose number is not in the data: what to do instead of empty-looking fields
    if (office.how) { card.appendChild(el("p", "how", office.how)); }
    var list = el("dl");
    function row(key, fill) { list.appendChild(el("dt", null, word(key))); var value = el("dd"); fill(value); list.appendChild(value); }
    if (office.phones.length) {
      row("ui_phone", function (value) {
        office.phones.forEach(function (phone) {
          var line = el("p", "phone");
          var number = (phone.match(/[+#0-9][0-9-]{2,}/) || [""])[0];
          if (number) {
            line.appendChild(callButton(telOf(number), number, false));
            var note = phone.replace(number, "").trim();
            if (note) { var noted = el("span", "note"); linkedText(noted, " " + note); line.appendChild(noted); }
          } else { line.textContent = phone; }
          value.appendChild(line);
        });
      });
    }
    if (office.address) {
      row("ui_address", function (value) {
        value.appendChild(el("span", null, office.address));
        if (office.mapQuery) {  // none for a line reached by phone only ("phone consultation")
          value.appendChild(document.createTextNode(" "));
          value.appendChild(mapLink(office.mapQuery));
        }
      });
    }
    if (office.hours) { row("ui_hours", function (value) { value.textContent = office.hours; }); }
    card.appendChild(list);
    return card;
  }

  // the number to call now: the `emergency` card (number, tel, steps), a safety `situation` (lines,
  // steps) or its `calls`; steps may be a list or one text
  function emergencyOf(reply) {
    var calls = [], steps = [];
    if (reply.emergency && reply.emergency.number) {
      calls.push({ number: reply.emergency.number, tel: reply.emergency.tel, label: "" });
      steps = reply.emergency.steps || [];
    }
    var situation = reply.situation;
    if (situation) {
      (situation.lines || situation.calls || []).forEach(function (line) {
        if (line && line.number) { calls.push({ number: line.number, tel: line.tel, label: line.label || line.name || "" }); }
      });
      if (!steps.length && situation.steps) {
        steps = Array.isArray(situation.steps) ? situation.steps : String(situation.steps).split("\n");
      }
    }
    (reply.calls || []).forEach(function (line) {
      if (line && line.number && !calls.some(function (c) { return c.number === line.number; })) {
        calls.push({ number: line.number, tel: line.tel, label: line.label || "" });
      }
    });
    if (!calls.length) { return null; }
    return { calls: calls, steps: steps.filter(function (s) { return s && String(s).trim(); }) };
  }

  function emergencyCard(emergency) {
    var card = el("section", "emergency-card");
    card.setAttribute("aria-label", word("ui_steps"));
    emergency.calls.forEach(function (call, index) {
      var button = callButton(call.tel, call.number, index === 0);
      if (call.label) { button.textContent = "☎ " + call.label + " — " + call.number; }
      card.appendChild(button);
    });
    if (emergency.steps.length) {
      card.appendChild(el("h3", null, word("ui_steps")));
      var list = el("ol");
      emergency.steps.forEach(function (step) { var item = el("li"); linkedText(item, String(step)); list.appendChild(item); });
      card.appendChild(list);
    }
    return card;
  }

  function sourcesOf(reply) {
    var box = el("div", "sources");
    box.appendChild(el("span", null, word("ui_source")));
    var list = el("ul");
    reply.sources.forEach(function (source) {
      var title = source.chapter ? source.title + " — " + source.chapter : source.title;
      var row = el("li");
      if (source.url && /^https:\/\//.test(source.url)) {
        var link = el("a", null, title);
        link.href = source.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        row.appendChild(link);
      } else { row.textContent = title; }
      list.appendChild(row);
    });
    box.appendChild(list);
    return box;
  }

  function ratingRow(item, index) {
    var box = el("div", "rating");
    box.setAttribute("role", "group");
    var question = el("span", "rating-question", word("ui_helpful"));
    question.id = "rating-" + index;
    box.setAttribute("aria-labelledby", question.id);
    box.appendChild(question);
    var thanks = el("span", "rating-thanks");
    [["ui_yes", true], ["ui_no", false]].forEach(function (choice) {
      var button = el("button", "rate", word(choice[0]));
      button.type = "button";
      button.setAttribute("aria-pressed", String(item.rating === choice[1]));
      button.addEventListener("click", function () { rate(item, index, choice[1], box, thanks); });
      box.appendChild(button);
    });
    box.appendChild(thanks);
    if (item.rating !== undefined && item.rating !== null) { thanks.textContent = word("ui_thanks_rating"); }
    return box;
  }

  function rate(item, index, helpful, box, thanks) {
    fetch("/api/chat/rating", { method: "POST", headers: { "content-type": "application/json" },
                                body: JSON.stringify({ session_id: saved.session, answer: index, helpful: helpful }) })
      .then(function (response) {
        if (!response.ok) { throw new Error(word("ui_error_server")); }
        item.rating = helpful;
        keep();
        box.querySelectorAll("button").forEach(function (button, at) {
          button.setAttribute("aria-pressed", String((at === 0) === helpful));
        });
        thanks.textContent = word("ui_thanks_rating");
      })
      .catch(function (problem) { errorLine.textContent = problem.message; errorLine.hidden = false; });
  }

  function renderReply(item, index) {
    var reply = item.reply;
    var node = message("bot", word("ui_bot"), reply.lang === "ja-plain" ? "ja" : reply.lang);
    var emergency = emergencyOf(reply);
    if (emergency) { node.classList.add("emergency"); node.appendChild(emergencyCard(emergency)); }
    var text = el("p", "text");
    if (reply.ruby && reply.ruby.length) { withRuby(text, reply.ruby); } else { linkedText(text, reply.text || ""); }
    node.appendChild(text);
    var office = officeOf(reply);
    if (office) { node.appendChild(officeCard(office)); }
    if (reply.sources && reply.sources.length) { node.appendChild(sourcesOf(reply)); }
    if (!reply.restored) { node.appendChild(ratingRow(item, index)); }
    return node;
  }

  function botCount() {
    return saved.items.filter(function (item) { return item.who === "bot"; }).length;
  }

  function showReply(reply) {
    var item = { who: "bot", reply: reply };
    var node = renderReply(item, botCount());
    saved.items.push(item);
    keep();
    // each button shows its label and sends its payload back (a language button's is "lang=vi")
    showQuickReplies(reply.quick_reply_payloads || (reply.quick_replies || []).map(function (label) {
      return { label: label, payload: label };
    }), node.lang, reply.quick_ruby);
    followLanguage(reply.register === "plain" ? "ja-plain" : reply.lang);
    node.scrollIntoView({ block: "start" });   // the answer's start, not its end, on a phone
  }

  // the page's words follow the conversation's language; a language chosen in the conversation (a tapped
  // or typed language name) also moves the picker, so the next question does not switch back
  function followLanguage(code) {
    if (!code) { return; }
    saved.lang = code;
    keep();
    if (langSelect.value && langSelect.value !== code
        && [].some.call(langSelect.options, function (option) { return option.value === code; })) {
      langSelect.value = code;
      plainBox.checked = code === "ja-plain";
    }
    showLabels(langSelect.value ? labelLanguage() : code);
  }

  function showQuickReplies(choices, lang, ruby) {
    quick.replaceChildren();
    choices.forEach(function (choice, index) {
      var button = el("button", null, ruby && ruby[index] ? null : choice.label);
      if (ruby && ruby[index]) { withRuby(button, ruby[index]); }  // plain Japanese: furigana on the label
      button.type = "button";
      if (lang) { button.lang = lang; }
      button.addEventListener("click", function () { ask(choice.label, choice.payload); });
      quick.appendChild(button);
    });
  }

  function showStarters() {
    showQuickReplies(["ui_starter_card", "ui_starter_extend", "ui_starter_move"].filter(function (key) {
      return has(labels, key);
    }).map(function (key) { return { label: labels[key], payload: labels[key] }; }), labelCode.split("-")[0]);
  }

  // -- asking ----------------------------------------------------------------------------------------
  function ask(text, payload) {
    text = text.trim();
    if (!text || text.length > maxChars) { return; }
    errorLine.hidden = true;
    message("you", word("ui_you")).appendChild(el("p", "text", text));
    saved.items.push({ who: "you", text: text });
    keep();
    var body = { session_id: saved.session, text: text };
    if (payload && payload !== text) { body.payload = payload; }
    if (langSelect.value) { body.lang = langSelect.value; }
    if (plainBox.checked || plainChanged) { body.plain = plainBox.checked; }
    send.disabled = true;
    log.setAttribute("aria-busy", "true");
    statusLine.textContent = word("ui_waiting");
    fetch("/api/chat", { method: "POST", headers: { "content-type": "application/json", "x-tsunagu-client": "web" },
                         body: JSON.stringify(body) })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          // a server failure brings its own sentence in the resident's language; anything else is ours
          if (!response.ok) {
            throw new Error(response.status >= 500 && data.error ? data.error : word("ui_error_server"));
          }
          return data;
        });
      }, function () { throw new Error(word("ui_error_network")); })
      .then(function (data) {
        plainChanged = false;
        log.removeAttribute("aria-busy");
        showReply(data);
      })
      .catch(function (problem) {
        errorLine.textContent = problem.message;
        errorLine.hidden = false;
      })
      .finally(function () {
        send.disabled = input.value.length > maxChars;
        log.removeAttribute("aria-busy");
        statusLine.textContent = "";
      });
  }

  function updateCounter() {
    var length = input.value.length;
    counter.textContent = word("ui_chars_left", { left: Math.max(maxChars - length, 0) });
    var over = length > maxChars;
    counter.classList.toggle("near", length > maxChars * 0.9);
    if (over) { tooLong.textContent = word("ui_too_long", { max: maxChars }); }
    tooLong.hidden = !over;
    input.setAttribute("aria-invalid", String(over));
    send.disabled = over;
  }

  // -- the conversation kept across reloads ------------------------------------------------------------
  function replay() {
    log.replaceChildren();
    var index = 0;
    saved.items.forEach(function (item) {
      if (item.who === "you") { message("you", word("ui_you")).appendChild(el("p", "text", item.text)); }
      else { renderReply(item, index); index += 1; }
    });
    var last = saved.items.filter(function (item) { return item.who === "bot"; }).pop();
    if (last) {
      showQuickReplies(last.reply.quick_reply_payloads || [], last.reply.lang, last.reply.quick_ruby);
    } else { showStarters(); }
  }

  function restoreFromServer(session) {
    return fetch("/api/chat/history?session_id=" + encodeURIComponent(session))
      .then(function (response) { return response.ok ? response.json() : { messages: [] }; })
      .then(function (data) {
        var items = [];
        (data.messages || []).forEach(function (m) {
          var previous = items[items.length - 1];
          if (m.role === "user") { items.push({ who: "you", text: m.text }); return; }
          // one turn's replies are one answer, as /api/chat merges them: texts joined, sources added,
          // the last office card / emergency / call buttons
          var reply = previous && previous.who === "bot" ? previous.reply
            : { text: "", lang: m.lang, register: m.register, sources: [], restored: true };
          reply.text = reply.text ? reply.text + "\n\n" + m.text : m.text;
          reply.sources = reply.sources.concat(m.sources || []);
          ["office", "handoff", "emergency", "calls"].forEach(function (key) { if (m[key]) { reply[key] = m[key]; } });
          if (reply !== (previous && previous.reply)) { items.push({ who: "bot", reply: reply }); }
        });
        saved = { session: session, items: items, lang: "" };
        var last = items.filter(function (item) { return item.who === "bot"; }).pop();
        if (last) { saved.lang = last.reply.register === "plain" ? "ja-plain" : last.reply.lang; }
        keep();
      })
      .catch(function () { saved = { session: session, items: [], lang: "" }; });
  }

  function startOver() {
    saved = { session: newId(), items: [], lang: "" };
    keep();
    log.replaceChildren();
    errorLine.hidden = true;
    showLabels(labelLanguage());
    showStarters();
    if (window.location.search.indexOf("session=") >= 0) { history.replaceState(null, "", "/"); }
    input.focus();
  }

  function start() {
    var asked = new URLSearchParams(window.location.search).get("session");
    try { saved = JSON.parse(localStorage.getItem(STORE) || "null") || saved; } catch (ignored) { /* a broken copy */ }
    if (!Array.isArray(saved.items)) { saved.items = []; }
    var ready;
    if (asked && asked !== saved.session) {   // another device's conversation (a staff handout's QR code)
      ready = restoreFromServer(asked);
    } else {
      if (!saved.session) { saved.session = newId(); keep(); }
      ready = Promise.resolve();
    }
    ready.then(function () {
      if (saved.lang && !langSelect.value && has(allLabels, saved.lang)) { showLabels(saved.lang); }
      else if (labelLanguage() === "ja-plain") { showLabels("ja-plain"); }  // served in plain Japanese: ruby
      replay();
      updateCounter();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    if (text.length > maxChars) { updateCounter(); tooLong.focus(); return; }
    input.value = "";
    updateCounter();
    ask(text);
    input.focus();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  input.addEventListener("input", updateCounter);
  restart.addEventListener("click", startOver);
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
  start();
})();
