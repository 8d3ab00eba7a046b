"""Starting and watching a plannerd process for the load, soak and fuzz scripts.

Standard library only. The daemon runs from a release build (built here when missing), in a
temporary directory of its own (its SQLite file lives there), on a free port of 127.0.0.1.
"""
import http.client
import os
import socket
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RELEASE_SCRATCH = os.path.join(ROOT, ".build-release")


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def release_binary():
    """The path of a release plannerd, building it (into .build-release) when it is missing."""
    if os.environ.get("PLANNERD_BINARY"):
        return os.environ["PLANNERD_BINARY"]
    command = ["swift", "build", "-c", "release", "--product", "plannerd", "--scratch-path", RELEASE_SCRATCH]
    log("building a release plannerd: " + " ".join(command))
    subprocess.run(command, cwd=ROOT, check=True)
    path = subprocess.run(command + ["--show-bin-path"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "plannerd")


def ensure_debian_package(program, package):
    """Installs `package` with apt-get when `program` is not on the PATH."""
    if shutil.which(program):
        return
    log(f"installing {package} (for {program})")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    if subprocess.run(sudo + ["apt-get", "install", "-y", "-q", package], env=env).returncode != 0:
        subprocess.run(sudo + ["apt-get", "update", "-q"], env=env, check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", package], env=env, check=True)


class Daemon:
    """A `plannerd serve` process on a free port, in a temporary directory."""

    def __init__(self, binary, config=None, log_level="warning"):
        self.directory = tempfile.mkdtemp(prefix="plannerd-harness-")
        self.port = free_port()
        arguments = [os.path.abspath(binary), "serve", "--port", str(self.port), "--log-level", log_level]
        if config is not None:
            path = os.path.join(self.directory, "plannerd.yaml")
            with open(path, "w") as file:
                file.write(config)
            arguments += ["--config", path]
        self.log_path = os.path.join(self.directory, "plannerd.log")
        self.log_file = open(self.log_path, "w")
        env = {key: value for key, value in os.environ.items() if not key.startswith("PLANNERD_")}
        self.process = subprocess.Popen(arguments, cwd=self.directory, stdout=self.log_file, stderr=subprocess.STDOUT, env=env)
        self._wait_until_listening()

    def _wait_until_listening(self, timeout=60):
        """Waits until the port accepts connections (the log level may hide the start-up lines)."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"plannerd exited with {self.process.returncode}:\n{self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"plannerd does not listen on {self.port}:\n" + self.log())

    def log(self):
        with open(self.log_path) as file:
            return file.read()

    def alive(self):
        return self.process.poll() is None

    def resident_kib(self):
        """Resident memory (VmRSS) in KiB."""
        with open(f"/proc/{self.process.pid}/status") as file:
            for line in file:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def connection(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def stop(self):
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_file.close()
        return self.process.returncode

    def remove(self):
        shutil.rmtree(self.directory, ignore_errors=True)


def free_port():
    """A port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def machine():
    """One line describing the machine: CPU model, cores, memory, kernel."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as file:
            for line in file:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as file:
            memory = int(file.readline().split()[1]) // (1024 * 1024)
    except OSError:
        memory = 0
    return f"{model}, {os.cpu_count()} cores, {memory} GiB, Linux {os.uname().release}"
