#!/usr/bin/env python3
"""Checks MeshDeck's schema data (Sources/MeshModel/Manifest/CRDSchema.swift) against OSM v1.2.4's
CRDs (cmd/osm-bootstrap/crds/*.yaml), read from a git mirror of github.com/openservicemesh/osm.

    scripts/check-crd-schemas.py [--git-dir DIR] [--tag v1.2.4] [--print]

Every `required` and `enum` (types are the decoders' typed reads) under each served version's openAPIV3Schema.properties.spec must
be in our data with the same values, and every line of our data must be in the CRD. Exit 0 when
they agree, 1 with the differences listed. `--print` prints what the CRDs say in our data's format
(to review by hand, never to paste unread). Dev-time only: the CRD files are not committed.
"""
import argparse, re, subprocess, sys
import yaml

KINDS = {
    "config_meshconfig.yaml": "MeshConfig", "config_mesh_root_certificate.yaml": "MeshRootCertificate",
    "policy_egress.yaml": "Egress", "policy_ingress_backend.yaml": "IngressBackend", "policy_retry.yaml": "Retry",
    "policy_upstream_traffic_setting.yaml": "UpstreamTrafficSetting", "smi_http_route_group.yaml": "HTTPRouteGroup",
    "smi_tcp_route.yaml": "TCPRoute", "smi_traffic_access.yaml": "TrafficTarget", "smi_traffic_split.yaml": "TrafficSplit",
}
# Only the versions MeshDeck reads (ResourceKind.apiVersions).
VERSIONS = {"MeshConfig": ["v1alpha1", "v1alpha2"], "MeshRootCertificate": ["v1alpha2"], "HTTPRouteGroup": ["v1alpha4"],
            "TCPRoute": ["v1alpha4"], "TrafficTarget": ["v1alpha3"], "TrafficSplit": ["v1alpha2"]}

def walk(kind, version, path, schema, out):
    if not isinstance(schema, dict):
        return
    if schema.get("required"):
        out.add(f"{kind} {version} {path} required: {','.join(sorted(schema['required']))}")
    if schema.get("enum"):
        out.add(f"{kind} {version} {path} enum: {','.join(str(e) for e in schema['enum'])}")
    for key, child in (schema.get("properties") or {}).items():
        walk(kind, version, f"{path}.{key}", child, out)
    if isinstance(schema.get("items"), dict):
        walk(kind, version, f"{path}[]", schema["items"], out)

def crd_lines(git_dir, tag):
    out = set()
    for name, kind in KINDS.items():
        text = subprocess.run(["git", "--git-dir", git_dir, "show", f"{tag}:cmd/osm-bootstrap/crds/{name}"],
                              check=True, capture_output=True, text=True).stdout
        # BaseLoader: every scalar a string, so an enum value `off` stays `off` (YAML 1.1 says false).
        for doc in yaml.load_all(text, Loader=yaml.BaseLoader):
            for v in (doc or {}).get("spec", {}).get("versions", []):
                if v.get("served") != "true" or v["name"] not in VERSIONS.get(kind, ["v1alpha1"]):
                    continue
                spec = v.get("schema", {}).get("openAPIV3Schema", {}).get("properties", {}).get("spec")
                walk(kind, v["name"], "spec", spec, out)
    return out

def our_lines(path):
    text = open(path).read()
    body = re.search(r'static let data = """\n(.*?)\n\s*"""', text, re.S).group(1)
    out = set()
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind, versions, rest = line.split(" ", 2)
        for v in versions.split(","):
            out.add(f"{kind} {v} {rest}")
    return out

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--git-dir", default="/work/.mirror/openservicemesh+osm/repo")
    p.add_argument("--tag", default="v1.2.4")
    p.add_argument("--print", action="store_true")
    a = p.parse_args()
    theirs = crd_lines(a.git_dir, a.tag)
    if a.print:
        print("\n".join(sorted(theirs)))
        return 0
    ours = our_lines("Sources/MeshModel/Manifest/CRDSchema.swift")
    missing, extra = sorted(theirs - ours), sorted(ours - theirs)
    for line in missing:
        print(f"in the CRD, not in our data: {line}")
    for line in extra:
        print(f"in our data, not in the CRD: {line}")
    print(f"{len(theirs)} CRD facts, {len(ours)} in our data: " + ("agree" if not (missing or extra) else "DISAGREE"))
    return 1 if missing or extra else 0

if __name__ == "__main__":
    sys.exit(main())
