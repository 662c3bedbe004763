#!/usr/bin/env python3
"""A real SMTP server for the mail tests (aiosmtpd, Debian's python3-aiosmtpd).

Every message it accepts becomes one JSON file in --dir (written whole, then renamed):
  {"mail_from", "rcpt_tos", "login" (the AUTH user or null), "tls" (whether STARTTLS was used),
   "raw_headers" (the header block as received), "headers" ({name: decoded value}),
   "parts" ([{"type", "charset", "content"}], each part decoded)}
A recipient whose local part starts with "bounce" is refused with 550 (a permanent failure).
With --tls-cert/--tls-key it offers STARTTLS and requires it; with --user/--password it
requires AUTH with them. It writes --dir/ready once it listens, and runs until SIGTERM.
"""

import argparse
import email
import email.policy
import itertools
import json
import os
import signal
import ssl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@")[0].startswith("bounce"):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = []
        for part in message.walk():
            if part.is_multipart():
                continue
            parts.append({"type": part.get_content_type(), "charset": part.get_content_charset(),
                          "content": part.get_content()})
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "login": login,
            "tls": session.ssl is not None,
            "raw_headers": raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace"),
            "headers": {name: str(value) for name, value in message.items()},
            "parts": parts,
        }
        name = os.path.join(self.folder, "%06d.json" % next(self.numbers))
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(name + ".tmp", name)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    options = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword) and data.login.decode() == args.user
                  and data.password.decode() == args.password)
            return AuthResult(success=ok, auth_data=data)
        options.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(args.tls_cert))

    controller = Controller(Sink(args.dir), hostname="127.0.0.1", port=args.port, **options)
    controller.start()
    with open(os.path.join(args.dir, "ready"), "w"):
        pass
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    controller.stop()


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    main()
