"""A throwaway PostgreSQL cluster for the tests: initdb in a temp dir, a free port, fsync off.

Started as a non-root user (PostgreSQL refuses to run as root): the `postgres` account the
Debian package creates, or the current user when not root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


def vind_bin() -> Path | None:
    """The folder with initdb and pg_ctl, if PostgreSQL is installed."""
    kandidaten = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if kandidaten:
        return Path(kandidaten[0]).parent
    gevonden = shutil.which("initdb")
    return Path(gevonden).resolve().parent if gevonden else None


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    bin: Path
    map: Path
    poort: int
    gebruiker: str | None  # run commands as this user (when we are root)
    # Durable commits (fsync, synchronous_commit, full-page writes on) for benchmarks; the tests
    # turn them off, since they never survive a power cut anyway.
    duurzaam: bool = False

    @property
    def url(self) -> str:
        """Admin URL of the cluster (database 'postgres')."""
        return f"postgresql+asyncpg://stj@127.0.0.1:{self.poort}/postgres"

    def _draai(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.gebruiker:
            cmd = ["runuser", "-u", self.gebruiker, "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def start(self) -> None:
        data = self.map / "data"
        self._draai(
            "initdb",
            "-D",
            str(data),
            "-U",
            "stj",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C",
        )
        snel = (
            ""
            if self.duurzaam
            else "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        )
        opties = (
            f"-p {self.poort} -k {self.map} -c listen_addresses=127.0.0.1 {snel}"
            "-c max_connections=200"
        )
        self._draai(
            "pg_ctl", "-D", str(data), "-o", opties, "-l", str(self.map / "log"), "-w", "start"
        )

    def stop(self) -> None:
        try:
            self._draai("pg_ctl", "-D", str(self.map / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.map, ignore_errors=True)


def start_cluster(duurzaam: bool = False) -> Cluster:
    """Start a fresh cluster; the caller stops it."""
    bin_map = vind_bin()
    if bin_map is None:
        raise FileNotFoundError("PostgreSQL (initdb) is niet geïnstalleerd")
    gebruiker = None
    map_ = Path(tempfile.mkdtemp(prefix="stj-pg-"))
    if os.geteuid() == 0:
        gebruiker = "postgres"
        info = pwd.getpwnam(gebruiker)
        os.chown(map_, info.pw_uid, info.pw_gid)
    cluster = Cluster(
        bin=bin_map, map=map_, poort=_vrije_poort(), gebruiker=gebruiker, duurzaam=duurzaam
    )
    try:
        cluster.start()
    except subprocess.CalledProcessError as fout:
        log = (map_ / "log").read_text() if (map_ / "log").exists() else ""
        shutil.rmtree(map_, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL start mislukt: {fout.stderr.decode()} {log}") from fout
    return cluster
