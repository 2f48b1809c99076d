// Drawing chat messages. Text from the assistant, staff or applicant is only ever put in
// the page with textContent; the one exception, links, are built as <a> elements and only
// for http(s) URLs. Never innerHTML.

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const TRAILING = /[.,;:!?)\]»"']+$/;

/** Text with its http(s) URLs made into safe links. */
export function linkify(text) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, "");
    const start = match.index;
    fragment.append(document.createTextNode(text.slice(last, start)));
    let url;
    try {
      url = new URL(raw);
    } catch {
      url = null;
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:")) {
      const link = document.createElement("a");
      link.href = url.href;
      link.textContent = raw;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      fragment.append(link);
    } else {
      fragment.append(document.createTextNode(raw));
    }
    last = start + raw.length;
  }
  fragment.append(document.createTextNode(text.slice(last)));
  return fragment;
}

/**
 * One message: {role: "applicant"|"assistant"|"staff", text, buttons?, reference?}.
 * `onButton(button)` is called when a quick reply is chosen.
 */
export function messageElement(line, texts, onButton) {
  const item = document.createElement("div");
  item.className = `msg ${line.role}`;
  const who = document.createElement("span");
  who.className = "who";
  who.textContent = { applicant: texts.you, assistant: texts.assistant, staff: texts.staff }[line.role] || "";
  const body = document.createElement("p");
  body.className = "text";
  body.append(linkify(line.text || ""));
  item.append(who, body);
  if (line.role === "staff" && line.reference) {
    const reference = document.createElement("span");
    reference.className = "who";
    reference.textContent = fill(texts.reference, { reference: line.reference }); // typography: the locale's
    item.append(reference);
  }
  if (line.buttons && line.buttons.length && onButton) {
    const group = document.createElement("div");
    group.className = "buttons";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", texts.suggestions);
    for (const button of line.buttons) {
      const element = document.createElement("button");
      element.type = "button";
      element.textContent = button.title;
      element.addEventListener("click", () => onButton(button));
      group.append(element);
    }
    item.append(group);
  }
  return item;
}

/** Marks a user message as waiting, failed or sent (state = "", "pending" or "failed"). */
export function setState(element, state, texts) {
  let label = element.querySelector(".state");
  if (!state) {
    label?.remove();
    return;
  }
  if (!label) {
    label = document.createElement("span");
    label.className = "state";
    element.append(label);
  }
  label.textContent = state === "pending" ? texts.pending : texts.not_sent;
}

/** Quick replies are offered for the latest message only. */
export function removeButtons(log) {
  for (const group of log.querySelectorAll(".buttons")) group.remove();
}

/** "{length} / {limit}" style templates. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/**
 * "Was this helpful?" under the reply to message `id`: two buttons (aria-pressed tells
 * which one is chosen) and a polite status line. `onVote(id, helpful)` sends the vote.
 */
export function feedbackElement(id, texts, onVote) {
  const group = document.createElement("div");
  group.className = "feedback";
  group.dataset.for = id;
  group.setAttribute("role", "group");
  const question = document.createElement("span");
  question.className = "feedback-question";
  question.id = `feedback-${id}`;
  question.textContent = texts.feedback_question;
  group.setAttribute("aria-labelledby", question.id);
  group.append(question);
  for (const [helpful, label, name] of [
    [true, texts.feedback_yes, texts.feedback_yes_label],
    [false, texts.feedback_no, texts.feedback_no_label],
  ]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-pressed", "false");
    button.dataset.helpful = String(helpful);
    button.addEventListener("click", () => {
      if (button.getAttribute("aria-pressed") === "true") return;
      for (const other of group.querySelectorAll("button")) other.disabled = true; // until the answer
      onVote(id, helpful);
    });
    group.append(button);
  }
  const note = document.createElement("span");
  note.className = "feedback-note";
  note.setAttribute("role", "status");
  group.append(note);
  return group;
}

/** Shows what the gateway said about a vote: saved (final or not) or refused. */
export function settleFeedback(group, data) {
  const buttons = group.querySelectorAll("button");
  group.querySelector(".feedback-note").textContent = data.text || "";
  if (data.type === "feedback_saved") {
    for (const button of buttons) {
      const chosen = button.dataset.helpful === String(data.helpful);
      button.setAttribute("aria-pressed", String(chosen));
      button.disabled = data.final || chosen; // one change of mind, then no more
    }
  } else {
    const decided = Array.from(buttons).some((b) => b.getAttribute("aria-pressed") === "true");
    for (const button of buttons) button.disabled = !data.retry && decided;
  }
}
