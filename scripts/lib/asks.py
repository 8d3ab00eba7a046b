"""The seed talk's asks, as the daemon's built-in demo configuration answers them."""
import json

DOCKER = {
    "tasktype": "uri://docker-container",
    "taskinfo": {"image": "docker.io/example:1.0"},
    "resources": {"mincores": 8, "maxcores": 10, "minmemory": "8G", "maxmemory": "10G", "minduration": "10m", "maxduration": "20m"},
}

HELM = {
    "tasktype": "uri://kubernetes-helm",
    "taskinfo": {"chart": "http://example.org/heml.chart"},
    "resources": {"mincores": 220, "maxcores": None, "minmemory": "360G", "maxmemory": "400G", "minduration": "9h", "maxduration": "9h30m"},
}


def text(ask):
    return json.dumps(ask, separators=(",", ":"))
