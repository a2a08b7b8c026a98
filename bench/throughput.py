"""Parse throughput per format, in MB/s on one core: relgraph's load + detect + extract, in
process (examples/extract_timing), over a sample of each shape of a generated corpus.

    python3 bench/throughput.py target/release/examples/extract_timing CORPUS_DIR [PER_SHAPE]
"""
import json
import os
import subprocess
import sys


def shape(path):
    head = open(path, "rb").read(600).decode("utf-8", "replace")
    if path.endswith(".htm"):
        return "HTML 13D/G"
    if "ownershipDocument" in head:
        return "Form 4 XML"
    if path.endswith(".xml"):
        return "XML 13D/G"
    if "<SEC-DOCUMENT>" in head or "<SEC-HEADER>" in head:
        return "complete submission 13D/G"
    return "text 13D/G"


def main():
    binary, corpus = sys.argv[1], sys.argv[2]
    per_shape = int(sys.argv[3]) if len(sys.argv) > 3 else 300
    files = {}
    for root, _, names in sorted(os.walk(corpus)):
        for n in sorted(names):
            p = os.path.join(root, n)
            files.setdefault(shape(p), [])
            if len(files[shape(p)]) < per_shape:
                files[shape(p)].append(p)
    print(f"{'format':28} {'files':>6} {'MB':>7} {'MB/s per core':>14}")
    for kind, paths in sorted(files.items()):
        out = subprocess.run([binary, "--reps", "5", *paths], check=True,
                             capture_output=True, text=True).stdout
        secs = sum(json.loads(line)["micros"] for line in out.splitlines()) / 1e6
        size = sum(os.path.getsize(p) for p in paths) / 1e6
        print(f"{kind:28} {len(paths):6} {size:7.2f} {size / secs:14.1f}")


if __name__ == "__main__":
    main()
