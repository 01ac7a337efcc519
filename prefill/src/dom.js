// Small DOM helpers: elements, accessible form fields with help and error text tied to the input.
import { t } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "text") el.textContent = value;
    else if (key === "className") el.className = value;
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A labelled field: label, help text, the input, and an error line, tied by aria-describedby. */
export function field({ id, label, help, required = false, input, lang }) {
  input.id = id;
  const describedBy = [];
  const helpEl = help ? h("p", { className: "help", id: `${id}-help` }, help) : null;
  if (helpEl) describedBy.push(helpEl.id);
  const error = h("p", { className: "error", id: `${id}-error`, hidden: true });
  describedBy.push(error.id);
  input.setAttribute("aria-describedby", describedBy.join(" "));
  if (required) input.setAttribute("aria-required", "true");
  return h("div", { className: "field", lang },
    h("label", { for: id }, label, required ? h("span", { className: "req" }, ` ${t("required")}`) : null),
    helpEl, input, error);
}

/** Show (or clear, with null) the error of a field; returns whether there is one. */
export function setError(id, problem) {
  const input = document.getElementById(id);
  const error = document.getElementById(`${id}-error`);
  if (!error) return Boolean(problem);
  if (problem) {
    const [key, params] = problem;
    error.textContent = t(key, params);
    error.hidden = false;
    if (input) input.setAttribute("aria-invalid", "true");
  } else {
    error.textContent = "";
    error.hidden = true;
    if (input) input.removeAttribute("aria-invalid");
  }
  return Boolean(problem);
}
