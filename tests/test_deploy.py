"""The deployment files, checked without Docker (its engine does not run everywhere the tests do): the
compose file parses and wires nginx to the app, nginx keeps a browser on one replica and passes the
websocket through, and the Dockerfile copies what exists and sets up the way the README does."""

import json
import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text()


def _instructions(name: str) -> list[str]:
    """The arguments of every `name` instruction, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [line.split(None, 1)[1] for line in joined.splitlines() if line.startswith(name + " ")]


def test_compose_runs_replicas_of_the_app_behind_nginx():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app, balancer = compose["services"]["app"], compose["services"]["balancer"]
    assert app["build"] == "." and "replicas" in app["deploy"]
    workers = int(app["environment"]["RNNVIZ_WORKERS"])
    assert 1 <= workers <= float(app["deploy"]["resources"]["limits"]["cpus"])  # one worker per core it gets
    assert balancer["image"].startswith("nginx") and balancer["depends_on"] == ["app"]
    mounts = [volume.split(":") for volume in balancer["volumes"]]
    assert all((ROOT / source).is_file() for source, *_ in mounts)


def test_nginx_keeps_each_browser_on_one_replica_and_passes_the_websocket():
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    port = _instructions("EXPOSE")[0].strip()
    assert re.search(r"upstream rnnviz \{\s*hash \$rnnviz_route consistent;\s*server app:" + port + ";", conf)
    assert "Set-Cookie \"rnnviz_route=$rnnviz_route" in conf and "$cookie_rnnviz_route" in conf
    assert "proxy_set_header Upgrade $http_upgrade;" in conf and 'proxy_set_header Connection "upgrade";' in conf


def test_the_dockerfile_copies_what_exists_and_sets_up_as_the_readme_does():
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()}
    for args in _instructions("COPY"):
        *sources, _ = shlex.split(args)
        for source in sources:
            assert (ROOT / source).exists(), source
            assert source not in ignored, source
    run = " ".join(_instructions("RUN"))
    pinned = re.search(r"^TORCH=(\S+)", (ROOT / "scripts" / "bootstrap.sh").read_text(), re.M).group(1)
    assert f"torch=={pinned}" in run and "download.pytorch.org/whl/cpu" in run  # the CPU build, as bootstrap pins
    assert "bash scripts/bootstrap.sh" in run
    assert "scripts/bootstrap.sh" in (ROOT / "Makefile").read_text()  # … which is what `make app` runs
    command = json.loads(_instructions("CMD")[0])
    assert command[:4] == [".venv/bin/python", "-m", "streamlit", "run"] and (ROOT / command[4]).is_file()
    assert command[command.index("--server.port") + 1] == _instructions("EXPOSE")[0].strip()


def test_the_readme_explains_the_deployment():
    readme = (ROOT / "README.md").read_text()
    assert "## Deploy for a class" in readme and "docker compose up" in readme
