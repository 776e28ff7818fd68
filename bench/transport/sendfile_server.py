"""python3 http.server with zero-copy bodies (socket.sendfile), so that the server is not the
bottleneck of a loopback client benchmark. Usage: sendfile_server.py PORT DIR"""
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def copyfile(self, source, outputfile):
        outputfile.flush()
        self.connection.sendfile(source)

    def log_message(self, *args):
        pass


port, directory = int(sys.argv[1]), sys.argv[2]
server = http.server.ThreadingHTTPServer(
    ("127.0.0.1", port), functools.partial(Handler, directory=directory))
server.serve_forever()
