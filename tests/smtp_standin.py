"""A stand-in mail server on 127.0.0.1 for the mail tests and bench (no real one may be used).

It speaks just enough SMTP for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), keeps
what it was sent, counts connections, and can misbehave on one port, switched at any time:

- ACCEPT: takes every mail;
- REFUSE: greets with 421 (service not available) and hangs up; REJECT: greets with 554;
- HANG_UP: accepts the connection and closes it at once;
- BLACK_HOLE: accepts the connection and never says a word;
- SILENT_QUIT: takes the mail, then never answers QUIT;
- DOWN: nothing listens (the port stays reserved by a socket that does not listen).
"""

import email
import email.policy
import socket
import socketserver
import threading
from dataclasses import dataclass

ACCEPT = "accept"
REFUSE = "refuse"
REJECT = "reject"
HANG_UP = "hang_up"
BLACK_HOLE = "black_hole"
SILENT_QUIT = "silent_quit"
DOWN = "down"
MODES = (ACCEPT, REFUSE, REJECT, HANG_UP, BLACK_HOLE, SILENT_QUIT, DOWN)


@dataclass
class ReceivedMail:
    mail_from: str
    recipients: list
    data: bytes

    @property
    def message(self):
        """The mail parsed (email.message.EmailMessage)."""
        return email.message_from_bytes(self.data, policy=email.policy.default)


class SmtpStandIn:
    def __init__(self, mode=ACCEPT):
        self.received = []
        self.connections = 0
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._server = None
        self._placeholder = None
        # Take a free port once; every mode keeps using it.
        probe = socket.socket()
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        self._placeholder = probe
        self.mode = DOWN
        self.set_mode(mode)

    host = "127.0.0.1"

    def set_mode(self, mode):
        assert mode in MODES, mode
        if mode == DOWN:
            self._stop_listening()
            if self._placeholder is None:
                self._placeholder = socket.socket()
                self._placeholder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                self._placeholder.bind((self.host, self.port))
        else:
            if self._server is None:
                self._placeholder.close()
                self._placeholder = None
                self._start_listening()
        self.mode = mode

    def close(self):
        self._closing.set()
        self._stop_listening()
        if self._placeholder is not None:
            self._placeholder.close()
            self._placeholder = None

    def record_connection(self):
        with self._lock:
            self.connections += 1

    def record(self, received):
        with self._lock:
            self.received.append(received)

    def _start_listening(self):
        self._server = _Server((self.host, self.port), _handler_for(self))
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()

    def _stop_listening(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def _handler_for(standin):
    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            standin.record_connection()
            mode = standin.mode
            if mode == HANG_UP:
                return
            if mode == BLACK_HOLE:
                standin._closing.wait()
                return
            if mode == REFUSE:
                self.reply("421 standin Service not available, closing channel")
                return
            if mode == REJECT:
                self.reply("554 standin No SMTP service here")
                return
            self.converse(mode)

        def reply(self, line):
            self.wfile.write(line.encode() + b"\r\n")
            self.wfile.flush()

        def converse(self, mode):
            self.reply("220 standin ESMTP")
            mail_from, recipients = "", []
            while True:
                line = self.rfile.readline()
                if not line:
                    return
                command = line.decode("utf-8", "replace").strip()
                verb = command.split(" ", 1)[0].upper()
                argument = command[len(verb) :].strip()
                if verb == "EHLO":
                    self.reply("250-standin\r\n250 8BITMIME")
                elif verb == "HELO":
                    self.reply("250 standin")
                elif verb == "MAIL":
                    mail_from, recipients = argument.partition(":")[2].strip(), []
                    self.reply("250 OK")
                elif verb == "RCPT":
                    recipients.append(argument.partition(":")[2].strip())
                    self.reply("250 OK")
                elif verb == "DATA":
                    self.reply("354 End data with <CR><LF>.<CR><LF>")
                    standin.record(ReceivedMail(mail_from, recipients, self.read_data()))
                    self.reply("250 OK queued")
                elif verb in ("RSET", "NOOP"):
                    self.reply("250 OK")
                elif verb == "QUIT":
                    if mode == SILENT_QUIT:
                        standin._closing.wait()
                    else:
                        self.reply("221 Bye")
                    return
                else:
                    self.reply("502 Command not implemented")

        def read_data(self):
            lines = []
            while True:
                line = self.rfile.readline()
                if not line or line in (b".\r\n", b".\n"):
                    return b"".join(lines)
                # Dot-stuffing: a line starting with a dot was sent with one more.
                lines.append(line[1:] if line.startswith(b"..") else line)

    return Handler
