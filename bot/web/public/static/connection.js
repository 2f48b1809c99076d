// The WebSocket to the chat gateway: reconnects with growing delays when it drops, and
// says hello (conversation id, language) each time it opens.

const FIRST_DELAY = 500;
const MAX_DELAY = 15000;

export class Connection {
  /**
   * @param {string} path  the gateway's path, e.g. "/chat/ws"
   * @param {() => object} hello  the hello message to send on each (re)connection
   * @param {{onMessage: Function, onOpen: Function, onClose: Function}} handlers
   */
  constructor(path, hello, handlers) {
    this.url = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${path}`;
    this.hello = hello;
    this.handlers = handlers;
    this.socket = null;
    this.ready = false;
    this.delay = FIRST_DELAY;
    this.timer = null;
    window.addEventListener("online", () => this.reconnectNow());
  }

  open() {
    clearTimeout(this.timer);
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.addEventListener("open", () => socket.send(JSON.stringify(this.hello())));
    socket.addEventListener("message", (event) => {
      let data;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      if (data.type === "welcome") {
        this.ready = true;
        this.delay = FIRST_DELAY;
        this.handlers.onOpen(data);
      } else {
        this.handlers.onMessage(data);
      }
    });
    socket.addEventListener("close", () => {
      if (this.socket !== socket) return; // replaced on purpose (new conversation)
      const wasReady = this.ready;
      this.ready = false;
      this.handlers.onClose(wasReady);
      // Back-off with jitter so that many pages do not come back at the same instant.
      const wait = this.delay * (0.75 + Math.random() / 2);
      this.delay = Math.min(this.delay * 2, MAX_DELAY);
      this.timer = setTimeout(() => this.open(), wait);
    });
  }

  reconnectNow() {
    if (this.ready) return;
    this.delay = FIRST_DELAY;
    this.restart();
  }

  /** Closes the current socket and opens a new one (e.g. for a new conversation). */
  restart() {
    const old = this.socket;
    this.socket = null;
    this.ready = false;
    old?.close();
    this.open();
  }

  send(data) {
    if (!this.ready) return false;
    this.socket.send(JSON.stringify(data));
    return true;
  }
}
