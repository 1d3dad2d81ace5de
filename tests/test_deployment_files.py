"""The deployment files, checked offline (no image is pulled or built here): docker-compose.yml
with Debian's docker-compose, the Kubernetes manifests against their schemas, the Dockerfiles
against the requirement sets they are meant to install."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
import yaml

from tests.conftest import skip_loudly
from tests.project import ROOT

DOCKER = ROOT / "deploy" / "docker"


def docker_compose() -> str:
    found = shutil.which("docker-compose")
    if not found:
        message = "docker-compose is missing (make system-packages installs Debian's docker-compose)"
        skip_loudly("the docker-compose check", message)
    return found


def compose_config(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [docker_compose(), "-f", str(ROOT / "docker-compose.yml"), "config"],
        cwd=ROOT,
        env={k: v for k, v in {**os.environ, **env}.items() if k != "POSTGRES_PASSWORD" or v},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_docker_compose_file_is_valid_and_runs_the_cluster():
    result = compose_config(POSTGRES_PASSWORD="not-a-real-password")
    assert result.returncode == 0, result.stderr
    services = yaml.safe_load(result.stdout)["services"]
    assert {"postgres", "redis", "actions", "rasa-1", "rasa-2", "nginx", "web"} <= set(services)
    for name in ("rasa-1", "rasa-2"):
        environment = services[name]["environment"]
        assert environment["ENDPOINTS"] == "deploy/endpoints.cluster.yml"  # the Redis lock store
        assert environment["TRACKER_DIALECT"] == "postgresql"
        assert services[name]["build"]["dockerfile"] == "deploy/docker/rasa.Dockerfile"
    # only the proxy and the chat page are published, and only on the host's loopback
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"nginx", "web"}


def test_docker_compose_refuses_to_run_without_a_database_password():
    result = compose_config(POSTGRES_PASSWORD="")
    assert result.returncode != 0 and "POSTGRES_PASSWORD" in result.stderr


def test_kubernetes_manifests_match_their_schemas():
    import kubernetes_validate

    documents = [d for d in yaml.safe_load_all((ROOT / "deploy/kubernetes/actions.yml").read_text()) if d]
    assert {d["kind"] for d in documents} == {"Deployment", "Service", "Job"}
    for document in documents:
        kubernetes_validate.validate(document, "1.28.0", strict=True)


def test_a_broken_manifest_is_caught():
    """The schema check above can fail: a misspelt field is reported."""
    import kubernetes_validate

    document = next(yaml.safe_load_all((ROOT / "deploy/kubernetes/actions.yml").read_text()))
    document["spec"]["replica"] = document["spec"].pop("replicas")
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(document, "1.28.0", strict=True)


def test_helm_values_keep_conversations_and_locks_outside_the_pods():
    values = yaml.safe_load((ROOT / "deploy/helm/rasa-values.yml").read_text())
    endpoints = values["applicationSettings"]["endpoints"]
    cluster = yaml.safe_load((ROOT / "deploy/endpoints.cluster.yml").read_text())  # the same stores as make cluster
    assert values["replicaCount"] > 1
    assert (
        endpoints["trackerStore"]["enabled"] and endpoints["trackerStore"]["type"] == cluster["tracker_store"]["type"]
    )
    assert endpoints["lockStore"]["enabled"] and endpoints["lockStore"]["type"] == cluster["lock_store"]["type"]
    assert not endpoints["trackerStore"]["password"]  # secrets come from --set or a secret, never the file


@pytest.mark.parametrize(
    "dockerfile, own, other",
    [("rasa.Dockerfile", "rasa.txt", "actions.txt"), ("actions.Dockerfile", "actions.txt", "rasa.txt")],
)
def test_each_image_installs_only_its_own_requirements(dockerfile, own, other):
    text = (DOCKER / dockerfile).read_text()
    assert re.search(rf"pip install .*-r requirements/{re.escape(own)}", text)
    assert other not in text and "test.txt" not in text


def test_every_file_the_images_copy_exists():
    for dockerfile in DOCKER.glob("*.Dockerfile"):
        for line in dockerfile.read_text().splitlines():
            if line.startswith("COPY "):
                sources = line.split()[1:-1]
                for source in sources:
                    if source == "models/imvo-assistant.tar.gz":
                        continue  # made by make train before the build
                    assert (ROOT / source).exists(), f"{dockerfile.name}: {source} does not exist"
