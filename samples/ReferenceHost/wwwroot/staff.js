// The staff pages' behaviour, from this host (the Content-Security-Policy runs no inline script).
"use strict";

// The list: the print form sends the chosen 受付番号 as one comma-separated parameter.
const print = document.getElementById("print");
if (print) {
  print.addEventListener("submit", e => {
    const boxes = [...print.querySelectorAll("input[name=n]")];
    const chosen = boxes.filter(i => i.checked).map(i => i.value);
    if (!chosen.length) {
      e.preventDefault();
      alert("印刷または出力する申請を選んでください。");
      return;
    }
    document.getElementById("numbers").value = chosen.join(",");
    boxes.forEach(i => i.disabled = true);
    setTimeout(() => boxes.forEach(i => i.disabled = false));
  });
}

// One submission: a status change is posted as JSON, and a refusal is shown beside the form.
const change = document.getElementById("change");
if (change) {
  change.addEventListener("submit", async e => {
    e.preventDefault();
    const status = change.querySelector("input[name=status]:checked");
    const error = document.getElementById("change-error");
    if (!status) {
      error.textContent = "新しい状態を選んでください。";
      error.hidden = false;
      return;
    }
    const response = await fetch("/api/staff/submissions/" + encodeURIComponent(change.dataset.number) + "/status", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: status.value, reason: change.querySelector("#reason").value }),
    });
    if (response.ok) {
      location.reload();
      return;
    }
    const body = await response.json().catch(() => ({}));
    error.textContent = body.title || "変更できませんでした。";
    error.hidden = false;
  });
}

// A counter entry: the resident's signed paper came back.
const signed = document.getElementById("signed-paper");
if (signed) {
  signed.addEventListener("click", async () => {
    const response = await fetch("/api/staff/submissions/" + encodeURIComponent(signed.dataset.number) + "/signed-paper", { method: "POST" });
    if (response.ok) location.reload();
  });
}
