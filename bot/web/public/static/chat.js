// The applicant's chat: messages typed are kept in an outbox (also in localStorage) until
// the gateway answers them, so nothing is lost when the connection or the Rasa server is
// down. The conversation id is kept in localStorage; the gateway sends the history back.
import { Connection } from "./connection.js";
import { feedbackElement, fill, messageElement, removeButtons, setState, settleFeedback } from "./render.js";

const config = JSON.parse(document.getElementById("chat-config").textContent);
const texts = config.texts;
const KEY_CONVERSATION = "pnt-chat-conversation";
const KEY_OUTBOX = "pnt-chat-outbox";

const log = document.getElementById("chat-log");
const form = document.getElementById("chat-form");
const input = document.getElementById("chat-input");
const note = document.getElementById("chat-note");
const statusLine = document.getElementById("chat-status");
const typing = document.getElementById("chat-typing");
const section = document.getElementById("chat");

const store = {
  get(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, value);
    } catch {
      /* private browsing: the conversation lasts as long as the page */
    }
  },
};

let outbox = loadOutbox();
let inflight = null; // id of the message the gateway is working on
let retryTimer = null;
let retryDelay = 2000;
let wasOffline = false;

function loadOutbox() {
  try {
    const saved = JSON.parse(store.get(KEY_OUTBOX) || "[]");
    return Array.isArray(saved) ? saved.filter((m) => m && typeof m.text === "string") : [];
  } catch {
    return [];
  }
}

function saveOutbox() {
  store.set(KEY_OUTBOX, outbox.length ? JSON.stringify(outbox) : null);
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function append(line) {
  if (line.role !== "applicant") removeButtons(log);
  const element = messageElement(line, texts, chooseButton);
  log.append(element);
  log.scrollTop = log.scrollHeight;
  return element;
}

function bubbleOf(id) {
  return log.querySelector(`[data-id="${CSS.escape(id)}"]`);
}

function showPending(message) {
  const element = append({ role: "applicant", text: message.display || message.text });
  element.dataset.id = message.id;
  setState(element, "pending", texts);
}

function setStatus(text) {
  statusLine.textContent = text || "";
}

function updateTyping() {
  typing.hidden = !(inflight && connection.ready);
}

/** Sends the oldest waiting message, one at a time so that replies keep their order. */
function flush() {
  if (inflight || retryTimer || !outbox.length || !connection.ready) return updateTyping();
  const message = outbox[0];
  if (connection.send({ type: "message", id: message.id, text: message.text, lang: message.lang })) {
    inflight = message.id;
    markPending(message.id, false); // sent: now the assistant is "typing"
  }
  updateTyping();
}

function queue(text, display) {
  const message = { id: newId(), text, display, lang: config.lang };
  outbox.push(message);
  saveOutbox();
  removeButtons(log);
  showPending(message);
  flush();
}

function chooseButton(button) {
  queue(button.payload, button.title);
  input.focus();
}

function settle(id, state) {
  outbox = outbox.filter((m) => m.id !== id);
  saveOutbox();
  if (inflight === id) inflight = null;
  const bubble = bubbleOf(id);
  if (bubble) setState(bubble, state, texts);
  return bubble;
}

function markPending(id, pending) {
  const bubble = id && bubbleOf(id);
  if (bubble) setState(bubble, pending ? "pending" : "", texts);
}

function retryLater(id, seconds) {
  markPending(id, true);
  inflight = null;
  clearTimeout(retryTimer);
  const wait = seconds ? seconds * 1000 : retryDelay;
  retryDelay = Math.min(retryDelay * 2, 30000);
  retryTimer = setTimeout(() => {
    retryTimer = null;
    flush();
  }, wait);
  updateTyping();
}

function vote(id, helpful) {
  const group = log.querySelector(`.feedback[data-for="${CSS.escape(id)}"]`);
  if (!connection.send({ type: "feedback", id, helpful })) {
    settleFeedback(group, { type: "feedback_refused", text: texts.feedback_failed, retry: true });
  }
}

function onMessage(data) {
  if (data.type === "reply") {
    const bubble = settle(data.id, "");
    if (data.duplicate) bubble?.remove(); // already answered: the history shows it
    retryDelay = 2000;
    setStatus("");
    let last = null;
    for (const line of data.messages || []) last = append(line);
    // Before the quick replies: from the message box, Shift+Tab reaches the suggestions first.
    if (last) last.insertBefore(feedbackElement(data.id, texts, vote), last.querySelector(".buttons"));
  } else if (data.type === "feedback_saved" || data.type === "feedback_refused") {
    const group = log.querySelector(`.feedback[data-for="${CSS.escape(data.id)}"]`);
    if (group) settleFeedback(group, data);
  } else if (data.type === "staff_reply") {
    append({ role: "staff", text: data.text, reference: data.reference });
  } else if (data.type === "error") {
    setStatus(data.text);
    if (data.retry && data.id) return retryLater(data.id, data.retry_after);
    if (data.id) settle(data.id, "failed");
  }
  flush();
}

function onOpen(welcome) {
  store.set(KEY_CONVERSATION, welcome.conversation_id);
  if (Array.isArray(welcome.history)) {
    log.setAttribute("aria-busy", "true");
    log.replaceChildren();
    for (const line of welcome.history) append(line);
    for (const message of outbox) showPending(message);
    log.removeAttribute("aria-busy");
  } else if (!log.children.length) {
    for (const message of outbox) showPending(message); // history unavailable for now
  }
  inflight = null;
  section.dataset.connection = "online"; // also read by the browser tests
  setStatus(wasOffline ? texts.online : "");
  if (wasOffline) setTimeout(() => statusLine.textContent === texts.online && setStatus(""), 4000);
  wasOffline = false;
  flush();
}

function onClose(wasReady) {
  markPending(inflight, true);
  inflight = null;
  section.dataset.connection = "offline";
  if (wasReady || !wasOffline) setStatus(texts.offline);
  wasOffline = true;
  updateTyping();
}

const connection = new Connection(
  config.socket,
  () => ({ type: "hello", conversation_id: store.get(KEY_CONVERSATION) || "", lang: config.lang }),
  { onMessage, onOpen, onClose },
);

function checkLength() {
  const length = input.value.length;
  const tooLong = length > config.maxChars;
  input.setAttribute("aria-invalid", String(tooLong));
  note.classList.toggle("error", tooLong);
  if (tooLong) note.textContent = fill(texts.too_long, { length, limit: config.maxChars });
  else if (length > config.maxChars * 0.8) note.textContent = fill(texts.counter, { length, limit: config.maxChars });
  else note.textContent = "";
  return !tooLong;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text || !checkLength()) return;
  input.value = "";
  checkLength();
  queue(text);
});

input.addEventListener("input", checkLength);
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

document.getElementById("chat-reset").addEventListener("click", () => {
  store.set(KEY_CONVERSATION, null);
  outbox = [];
  saveOutbox();
  inflight = null;
  log.replaceChildren();
  setStatus("");
  connection.restart();
  input.focus();
});

connection.open();
