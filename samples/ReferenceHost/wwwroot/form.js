// The resident's page: table rows, conditional blocks, sending the JSON and placing the server's messages.
// Everything the page asks for comes from the form's field tree; nothing here knows any particular form.
(() => {
  "use strict";
  const form = document.getElementById("application");
  if (!form) return;
  const formId = form.dataset.form;
  const summary = document.getElementById("summary");

  // ---- table rows: a <template> per table; "-" in pointers and "---" in ids stand for the row number ----
  function renumber(table) {
    const legend = table.querySelector(":scope > legend").firstChild.textContent;
    [...table.querySelector(":scope > .rows").children].forEach((row, i) => {
      row.querySelectorAll("*").forEach(el => {
        for (const attr of ["id", "for", "aria-describedby", "name", "data-pointer"]) {
          const value = el.getAttribute(attr);
          if (value === null) continue;
          const template = el.dataset["t_" + attr.replace(/-/g, "_")] ?? value;
          el.dataset["t_" + attr.replace(/-/g, "_")] = template;
          const base = table.dataset.pointer;
          el.setAttribute(attr, attr === "name" || attr === "data-pointer"
            ? template.replace(base + "/-/", base + "/" + i + "/")
            : template.replace(/---/, "-" + i + "-"));
        }
      });
      row.dataset.index = i;
      row.querySelector(".row-title").textContent = legend + "（" + (i + 1) + "）";
    });
    const count = table.querySelector(":scope > .rows").children.length;
    table.querySelector(":scope > .add-row").disabled = count >= Number(table.dataset.max);
  }

  function addRow(table) {
    const row = table.querySelector(":scope > template").content.firstElementChild.cloneNode(true);
    table.querySelector(":scope > .rows").appendChild(row);
    renumber(table);
    return row;
  }

  form.querySelectorAll("fieldset.table").forEach(table => {
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
    const inputs = [...form.querySelectorAll("[name]")].filter(i => i.name === pointer);
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
    if (first.dataset.type === "number" && text !== "" && !isNaN(Number(text))) return Number(text);
    return first.value; // sent as typed; the server says what is wrong with it
  }

  // ---- conditions: a block is shown (and sent) only while its condition holds ----
  function holds(element) {
    const when = JSON.parse(element.dataset.when);
    const row = element.closest(".row");
    const all = when.tests.every(test => {
      const pointer = row ? test.field.replace("/-/", "/" + row.dataset.index + "/") : test.field;
      const value = valueOf(pointer);
      return value !== undefined && test.values.some(v => JSON.stringify(v) === JSON.stringify(value));
    });
    return all !== when.whenFalse;
  }

  function update() {
    form.querySelectorAll("[data-when]").forEach(element => {
      if (element.closest("template")) return;
      element.hidden = !holds(element);
    });
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  update();

  function hidden(element) {
    for (let e = element; e && e !== form; e = e.parentElement) if (e.hidden) return true;
    return false;
  }

  function collect() {
    const result = {};
    const seen = new Set();
    form.querySelectorAll("[name]").forEach(input => {
      if (input.closest("template") || hidden(input) || seen.has(input.name)) return;
      seen.add(input.name);
      const value = valueOf(input.name);
      if (value === undefined) return;
      const segments = input.name.split("/").slice(1).map(s => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      let target = result;
      segments.forEach((segment, i) => {
        const last = i === segments.length - 1;
        const key = /^\d+$/.test(segment) && Array.isArray(target) ? Number(segment) : segment;
        if (last) { target[key] = value; return; }
        if (target[key] === undefined) target[key] = /^\d+$/.test(segments[i + 1]) ? [] : {};
        target = target[key];
      });
    });
    // Rows left empty are not rows (arrays may have holes where a row was blank).
    (function compact(node) {
      if (Array.isArray(node)) for (let i = node.length - 1; i >= 0; i--) { if (node[i] === undefined) node.splice(i, 1); else compact(node[i]); }
      else if (node && typeof node === "object") Object.values(node).forEach(compact);
    })(result);
    return result;
  }

  // ---- the server's messages, next to their fields ----
  function clearErrors() {
    form.querySelectorAll(".error").forEach(e => { e.hidden = true; e.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(e => e.removeAttribute("aria-invalid"));
    summary.hidden = true;
    summary.innerHTML = "";
  }

  function place(error) {
    let pointer = error.pointer;
    for (;;) {
      const element = [...form.querySelectorAll("[data-pointer]")].find(e => e.getAttribute("data-pointer") === pointer && !e.closest("template"));
      if (element) return element;
      if (pointer === "") return null;
      pointer = pointer.slice(0, pointer.lastIndexOf("/"));
    }
  }

  function showErrors(errors) {
    clearErrors();
    const list = document.createElement("ul");
    errors.forEach(error => {
      const element = place(error);
      const message = document.createElement("li");
      if (element) {
        const slot = element.querySelector(":scope > .error, :scope > .options ~ .error");
        if (slot) {
          slot.textContent = (slot.textContent ? slot.textContent + " " : "") + error.message;
          slot.hidden = false;
        }
        const input = element.matches("input") ? element : element.querySelector("input");
        element.querySelectorAll(":scope input").forEach(i => i.setAttribute("aria-invalid", "true"));
        const link = document.createElement("a");
        link.href = "#" + (input ? input.id : "");
        link.textContent = error.message;
        link.addEventListener("click", e => { e.preventDefault(); input?.focus(); });
        message.appendChild(link);
      } else {
        message.textContent = error.message;
      }
      list.appendChild(message);
    });
    const heading = document.createElement("p");
    heading.textContent = errors.length + "件の誤りがあります。直してからもう一度送信してください。";
    summary.append(heading, list);
    summary.hidden = false;
    summary.focus();
  }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch("/forms/" + encodeURIComponent(formId) + "/submissions", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": "ja" },
        body: JSON.stringify(collect()),
      });
      const body = await response.json().catch(() => ({}));
      if (response.status === 201) {
        clearErrors();
        form.hidden = true;
        const done = document.getElementById("done");
        document.getElementById("reception-number").textContent = body.receptionNumber;
        document.getElementById("status-link").href = body.pageUrl;
        document.getElementById("pdf-link").href = body.pdfUrl;
        done.hidden = false;
        done.focus();
      } else if (response.status === 422 && Array.isArray(body.errors)) {
        showErrors(body.errors);
      } else {
        showErrors([{ pointer: "", message: body.title || "送信できませんでした。時間をおいてもう一度お試しください。" }]);
      }
    } catch {
      showErrors([{ pointer: "", message: "送信できませんでした。通信を確かめてもう一度お試しください。" }]);
    } finally {
      button.disabled = false;
    }
  });
})();
