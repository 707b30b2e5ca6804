// The resident's page: table rows, conditional blocks, sending the JSON and placing the server's messages.
// Everything the page asks for comes from the form's field tree; nothing here knows any particular form.
(() => {
  "use strict";
  const form = document.getElementById("application");
  if (!form) return;
  const formId = form.dataset.form;
  const summary = document.getElementById("summary");
  const inTemplate = element => element.closest("template") !== null;

  // ---- table rows: a <template> per table; in the template a row's number is "-" in pointers and "_r_" in ids ----
  const numbered = ["id", "for", "aria-describedby", "name", "data-pointer"];

  function renumber(table) {
    const base = table.dataset.pointer;
    const legend = table.querySelector(":scope > legend").firstChild.textContent;
    const rows = [...table.querySelector(":scope > .rows").children];
    rows.forEach((row, i) => {
      row.querySelectorAll("*").forEach(el => {
        for (const attr of numbered) {
          const key = "template" + attr.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
          const template = el.dataset[key] ?? el.getAttribute(attr);
          if (template === null) continue;
          el.dataset[key] = template;
          let value = template;
          if (attr === "name" || attr === "data-pointer") {
            if (template === base + "/-" || template.startsWith(base + "/-/")) value = base + "/" + i + template.slice(base.length + 2);
          } else {
            value = template.replace(/_r_/g, String(i));
          }
          el.setAttribute(attr, value);
        }
      });
      row.dataset.index = i;
      const title = legend + "（" + (i + 1) + "）";
      row.querySelector(".row-title").textContent = title;
      // The accessible name starts with the words on the button, so a voice-control user can say what they see.
      row.querySelector(".remove-row").setAttribute("aria-label", "この行を削除（" + title + "）");
    });
    table.querySelector(":scope > .add-row").disabled = rows.length >= Number(table.dataset.max);
  }

  function addRow(table) {
    const row = table.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
    table.querySelector(":scope > .rows").appendChild(row);
    renumber(table);
    return row;
  }

  form.querySelectorAll("fieldset.table").forEach(table => {
    if (inTemplate(table)) return;
    for (let i = 0; i < Number(table.dataset.rows); i++) addRow(table);
    table.querySelector(":scope > .add-row").addEventListener("click", () => {
      const row = addRow(table);
      row.querySelector("input")?.focus();
      update();
    });
  });
  form.addEventListener("click", event => {
    if (!event.target.classList.contains("remove-row")) return;
    const table = event.target.closest("fieldset.table");
    event.target.closest(".row").remove();
    renumber(table);
    table.querySelector(":scope > .add-row").focus();
    update();
  });

  // ---- values ----
  function valueOf(pointer) {
    const inputs = [...form.querySelectorAll("[name]")].filter(i => i.name === pointer && !inTemplate(i));
    if (inputs.length === 0) return undefined;
    const first = inputs[0];
    if (first.type === "radio") {
      const checked = inputs.find(i => i.checked);
      return checked ? JSON.parse(checked.value) : undefined;
    }
    if (first.type === "checkbox") {
      const values = inputs.filter(i => i.checked).map(i => JSON.parse(i.value));
      return values.length ? values : undefined;
    }
    const text = first.value.trim();
    if (text === "") return undefined;
    if (first.dataset.type === "integer" && /^-?\d+$/.test(text)) return Number(text);
    if (first.dataset.type === "number" && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    return first.value; // sent as typed; the server says what is wrong with it
  }

  // ---- conditions: a block is shown (and sent) only while its condition holds, decided as JSON Schema's if ----
  function holds(element) {
    const when = JSON.parse(element.dataset.when);
    const row = element.closest(".row");
    const all = when.tests.every(test => {
      const pointer = row ? test.field.replace("/-/", "/" + row.dataset.index + "/") : test.field;
      const value = valueOf(pointer);
      if (value === undefined) return !test.required;
      return test.values.some(v => JSON.stringify(v) === JSON.stringify(value));
    });
    return all !== when.whenFalse;
  }

  function update() {
    form.querySelectorAll("[data-when]").forEach(element => {
      if (!inTemplate(element)) element.hidden = !holds(element);
    });
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();

  function hidden(element) {
    for (let e = element; e && e !== form; e = e.parentElement) if (e.hidden) return true;
    return false;
  }

  // Rows left blank are taken off the page before sending, and the rest renumbered, so the server's "/children/1" and
  // its 「児童（2）」 are the page's second row.
  function dropBlankRows() {
    form.querySelectorAll("fieldset.table").forEach(table => {
      if (inTemplate(table)) return;
      const rows = [...table.querySelector(":scope > .rows").children];
      const blank = rows.filter(row => ![...row.querySelectorAll("input")].some(i => i.type === "radio" || i.type === "checkbox" ? i.checked : i.value.trim() !== ""));
      if (blank.length === 0) return;
      blank.forEach(row => row.remove());
      renumber(table);
    });
  }

  function collect() {
    const result = {};
    const seen = new Set();
    form.querySelectorAll("[name]").forEach(input => {
      if (inTemplate(input) || hidden(input) || seen.has(input.name)) return;
      seen.add(input.name);
      const value = valueOf(input.name);
      if (value === undefined) return;
      const segments = input.name.split("/").slice(1);
      let target = result;
      segments.forEach((raw, i) => {
        const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
        const key = Array.isArray(target) ? Number(segment) : segment;
        if (i === segments.length - 1) { target[key] = value; return; }
        if (target[key] === undefined) target[key] = /^\d+$/.test(segments[i + 1]) && isList(segments.slice(0, i + 1)) ? [] : {};
        target = target[key];
      });
    });
    return result;
  }

  // A numeric segment is a row number only under a list (a table, or a multiple choice), never an object's key.
  function isList(segments) {
    const pointer = "/" + segments.join("/");
    return [...form.querySelectorAll("fieldset.table, fieldset.choice[data-kind=multi]")].some(e => e.getAttribute("data-pointer") === pointer);
  }

  // ---- the server's messages, next to their fields ----
  function clearErrors() {
    form.querySelectorAll(".error").forEach(e => { e.hidden = true; e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
    summary.hidden = true;
    summary.innerHTML = "";
  }

  function place(pointer) {
    for (;;) {
      const element = [...form.querySelectorAll("[data-pointer]")].find(e => e.getAttribute("data-pointer") === pointer && !inTemplate(e));
      if (element) return element;
      if (pointer === "") return null;
      pointer = pointer.slice(0, pointer.lastIndexOf("/"));
    }
  }

  function showErrors(errors, heading) {
    clearErrors();
    const list = document.createElement("ul");
    errors.forEach(error => {
      const element = place(error.pointer);
      const item = document.createElement("li");
      if (element) {
        const slot = element.querySelector(":scope > .error");
        if (slot) {
          slot.textContent = (slot.textContent ? slot.textContent + " " : "") + error.message;
          slot.hidden = false;
        }
        // A field's own inputs are marked invalid; a block's or a table's message marks none of theirs.
        const own = element.matches(".field") ? [...element.querySelectorAll("input")] : [];
        own.forEach(i => i.setAttribute("aria-invalid", "true"));
        const target = own[0] ?? element.querySelector("input");
        const link = document.createElement("a");
        link.href = "#" + (target ? target.id : "");
        link.textContent = error.message;
        link.addEventListener("click", e => { e.preventDefault(); target?.focus(); });
        item.appendChild(link);
      } else {
        item.textContent = error.message;
      }
      list.appendChild(item);
    });
    const title = document.createElement("p");
    title.textContent = heading ?? errors.length + "件の誤りがあります。直してからもう一度送信してください。";
    summary.append(title, list);
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    dropBlankRows();
    const submission = collect();
    try {
      // Staff entering a submission at the counter post it to their own endpoint (data-action); residents to the form's.
      const response = await fetch(form.dataset.action || "/forms/" + encodeURIComponent(formId) + "/submissions", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": "ja" },
        body: JSON.stringify(submission),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 201) {
        clearErrors();
        form.hidden = true;
        const done = document.getElementById("done");
        document.getElementById("reception-number").textContent = body.receptionNumber;
        document.getElementById("status-link").href = body.staffUrl || body.pageUrl;
        document.getElementById("pdf-link").href = body.staffPdfUrl || body.pdfUrl;
        done.hidden = false;
        done.focus();
      } else if (response.status === 422 && Array.isArray(body.errors)) {
        showErrors(body.errors);
      } else {
        showErrors([{ pointer: "", message: body.title || "送信できませんでした。" }], "送信できませんでした。時間をおいてもう一度お試しください。");
      }
    } catch {
      showErrors([{ pointer: "", message: "通信を確かめてください。" }], "送信できませんでした。通信を確かめてもう一度お試しください。");
    } finally {
      button.disabled = false;
    }
  });
})();
