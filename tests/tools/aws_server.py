"""The real AWS CLI for the export tests, in one long-lived process: each request on the Unix
socket is one command line with its environment and folder, run by the AWS CLI's own driver
(`awscli.clidriver`); the answer is its output and exit code, as the `aws` program gives them. The
CLI's imports are paid once per cloud instead of once per command (about 0.5 s each).

Usage: aws_server.py SOCKET"""
import contextlib
import io
import json
import os
import socketserver
import sys

from awscli.clidriver import create_clidriver

BASE_ENV = dict(os.environ)


class Handler(socketserver.StreamRequestHandler):
    def handle(self):
        req = json.loads(self.rfile.readline())
        os.environ.clear()
        os.environ.update(req["env"])
        # Set by awscli when imported: where its own data (cli.json) is.
        os.environ["AWS_DATA_PATH"] = BASE_ENV.get("AWS_DATA_PATH", "")
        os.chdir(req["cwd"])
        out, err = io.StringIO(), io.StringIO()
        code = 255
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = create_clidriver().main(req["argv"])
                except SystemExit as e:
                    code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        except Exception as e:  # noqa: BLE001 - reported as the CLI's failure
            err.write(f"aws server: {e!r}\n")
            code = 255
        self.wfile.write((json.dumps({"code": code, "out": out.getvalue(), "err": err.getvalue()}) + "\n").encode())


if __name__ == "__main__":
    path = sys.argv[1]
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    with socketserver.UnixStreamServer(path, Handler) as server:
        server.serve_forever()
