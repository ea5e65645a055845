#!/usr/bin/python3
"""A TLS front for a daemon's UNIX socket, speaking libvirt's TLS rules:
the client must present a certificate signed by our CA, and after the
handshake the server sends one confirmation byte (1 = accepted) before
RPC traffic starts. Test helper only: one thread per connection.

usage: tlsproxy.py PORT UNIX_SOCKET PKIDIR [ALLOWED_CN]
"""

import os
import socket
import ssl
import sys
import threading


def pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(conn, path, allowed):
    try:
        cert = conn.getpeercert()
        cn = dict(x[0] for x in cert.get("subject", ())).get("commonName")
        if allowed and cn != allowed:
            conn.sendall(b"\0")
            conn.close()
            return
        conn.sendall(b"\1")
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(path)
    except OSError:
        conn.close()
        return
    threading.Thread(target=pump, args=(conn, upstream), daemon=True).start()
    pump(upstream, conn)


def main():
    port, path, pki = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    allowed = sys.argv[4] if len(sys.argv) > 4 else None
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(pki, "servercert.pem"), os.path.join(pki, "serverkey.pem"))
    ctx.load_verify_locations(os.path.join(pki, "cacert.pem"))
    ctx.verify_mode = ssl.CERT_REQUIRED
    # No TLS 1.3 session tickets after the handshake: libvirt clients expect
    # the confirmation byte to be the first thing they can read.
    ctx.num_tickets = 0
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind(("127.0.0.1", port))
    lsock.listen(16)
    print("listening", flush=True)
    while True:
        raw, _ = lsock.accept()
        try:
            conn = ctx.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError):
            raw.close()
            continue
        threading.Thread(target=serve, args=(conn, path, allowed), daemon=True).start()


if __name__ == "__main__":
    main()
