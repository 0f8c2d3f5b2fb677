"""Record the GCC profiles that sieb's compiled core is built with (profile-guided optimisation).

    python -m training.pgo [--set scrapinghub] [--rounds 3]

1. Copies the repository's tracked files to a scratch folder and builds the compiled core there
   in place with SIEB_PGO=generate (setup.py adds -fprofile-generate).
2. Runs a workload through that build, in a child process:
   - HTML extraction of one benchmark set's pages (`--set`, from ../shared or SIEB_SHARED;
     scrapinghub by default) and of the repository's own pages (tests/fixtures/pages,
     samples/html);
   - text mode on the set's -text pages and on the own pages flattened to text, each as it is
     and with blank lines removed (as in WET records), and on tests/fixtures/text/*.txt;
   - a site profile learnt from the flattened own pages, and the corpus hashes of bodies.
   The other benchmark set is not read, so that its pages/s in `benchmarks.text_bench` and
   `benchmarks.html_bench` are those of code trained on other pages (held-out, as the models
   are); the blind pages are never read. The repository's own pages alone cover too few of the
   paths real pages take: trained on them alone, a cold trafilatura-dev-text pass ran 1.7 %
   fewer instructions, against 6.1 % trained on scrapinghub.
3. Writes each extension's profile to pgo/<extension>.gcda and pgo/manifest.json: the GCC and
   Cython versions and a digest of each extension's Cython sources. setup.py compiles an
   extension with its profile only where all three match the build (otherwise without).

A profile changes no output: only how GCC lays out and inlines the same code. Rerun this after
changing a .pyx or .pxd file (setup.py says so when a profile no longer fits). Needs GCC and the
Cython version that pyproject.toml pins.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
PROFILES = REPO / "pgo"


def load_setup(path: Path = REPO / "setup.py") -> ModuleType:
    """setup.py as a module (it calls setup() only when run as a script)."""
    spec = importlib.util.spec_from_file_location("sieb_setup", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy_tracked(to: Path) -> None:
    """The repository's tracked files (as a fresh clone has them) into `to`."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, to / name)


def _build_python(scratch: Path) -> Path:
    """A Python with pyproject.toml's build requirements (as pip's isolated build has them),
    in a virtual environment under `scratch`."""
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
    venv = scratch / "build" / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", *requires], check=True)
    return python


def _build_instrumented(scratch: Path, python: Path) -> Path:
    """Build the compiled core in `scratch` with -fprofile-generate; its build_temp folder."""
    env = {**os.environ, "SIEB_PGO": "generate"}
    subprocess.run(
        [python, "setup.py", "-q", "build_ext", "--inplace", "-j", str(os.cpu_count() or 1)],
        cwd=scratch, env=env, check=True,
    )  # fmt: skip
    return scratch / load_setup().PROFILE_BUILD_TEMP


def _flatten(html: bytes) -> str:
    """A page's text with a line per block, as crawl text dumps hold it: resiliparse (as the
    benchmark sets' -text folders were made) when installed, else selectolax's text nodes."""
    try:
        from resiliparse.extract.html2text import extract_plain_text
    except ImportError:
        from selectolax.lexbor import LexborHTMLParser

        body = LexborHTMLParser(html).body
        return body.text(separator="\n", strip=True) if body is not None else ""
    return extract_plain_text(html.decode("utf-8", "replace"), main_content=False)


def workload(repo: Path, bench_set: str | None, rounds: int) -> int:
    """Run the pages (see the module docstring) through sieb `rounds` times; their count."""
    from sieb import SiteProfile, extract
    from sieb.corpus.process import minhash_signature, text_hash
    from sieb.text import clean_text, clear_caches

    pages = sorted((repo / "tests/fixtures/pages").glob("*.html"))
    pages += sorted((repo / "samples/html").glob("*.html"))
    own = [(path.read_bytes(), None) for path in pages]
    own_texts = [(_flatten(html), None) for html, _ in own]
    fixtures = sorted((repo / "tests/fixtures/text").glob("*.txt"))
    own_texts += [(path.read_text(), None) for path in fixtures]
    htmls, texts = list(own), list(own_texts)
    if bench_set:
        from benchmarks import datasets

        htmls += [(page.html_bytes, page.url) for page in datasets.load_pages(bench_set)]
        texts += [(page.text, page.url) for page in datasets.load_text_pages(f"{bench_set}-text")]
        if len(htmls) == len(own) or len(texts) == len(own_texts):
            raise SystemExit(f"{bench_set}: no pages (set SIEB_SHARED to the shared data)")
    for _ in range(rounds):
        clear_caches()
        for html, url in htmls:
            extract(html, url)
        for text, url in texts:
            clean_text(text, url)
            clean_text("\n".join(line for line in text.splitlines() if line.strip()), url)
        site = SiteProfile.learn_text([text for text, _ in own_texts], host="example.org")
        for text, _ in own_texts[:10]:
            body = clean_text(text, profile=site).text
            text_hash(body)
            minhash_signature(body)
    return len(htmls) + len(texts)


def _run_workload(scratch: Path, bench_set: str | None, rounds: int) -> int:
    """The workload in a child that imports the instrumented build (GCC writes the profiles
    when it exits); the count of pages."""
    code = (
        "import sieb, sys; from pathlib import Path; from training.pgo import workload; "
        f"assert sieb.__file__.startswith({str(scratch)!r}), sieb.__file__; "
        f"print(workload(Path({str(REPO)!r}), {bench_set!r}, {rounds}))"
    )
    env = {**os.environ, "PYTHONPATH": f"{scratch / 'src'}{os.pathsep}{REPO}"}
    env.pop("SIEB_PURE_PYTHON", None)
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, check=True,
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    return int(done.stdout.split()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--set", default="scrapinghub", help="benchmark set to train on ('' for own pages only)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="passes over the pages")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sieb-pgo-") as folder:
        scratch = Path(folder)
        _copy_tracked(scratch)
        python = _build_python(scratch)
        build_temp = _build_instrumented(scratch, python)
        pages = _run_workload(scratch, args.set or None, args.rounds)
        extensions, cython, gcc = _recorded(python, scratch, build_temp)
    manifest = {
        "script": "python -m training.pgo",
        "workload": (
            f"{pages} pages ({args.set or 'no benchmark set'}, HTML and -text, and the "
            f"repository's own), {args.rounds} rounds"
        ),
        "gcc": gcc,
        "cython": cython,
        "extensions": extensions,
    }
    (PROFILES / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    print(f"profiles of {len(extensions)} extensions in {PROFILES} (GCC {gcc})")
    return 0


# Run by the build's Python in the scratch copy: its Cython and GCC versions and each
# extension's name, Cython source and sources' digest, as setup.py sees them.
_BUILD_FACTS = """
import json, os, sys, sysconfig
sys.path.insert(0, {repo!r})
from training.pgo import load_setup
setup = load_setup(__import__("pathlib").Path("setup.py"))
compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC")).split()[0]
found = [(e.name, e.sources[0], setup.sources_digest(e.name)) for e in setup.extension_list()]
print(json.dumps([setup.cython_version(), setup.gcc_version(compiler), found]))
"""


def _recorded(
    python: Path, scratch: Path, build_temp: Path
) -> tuple[dict[str, str], str | None, str | None]:
    """Copy each extension's profile from the scratch build to pgo/: (extension -> digest of
    its sources, the Cython version, the GCC version), as setup.py sees them in the build's
    Python."""
    listed = subprocess.run(
        [python, "-c", _BUILD_FACTS.format(repo=str(REPO))],
        cwd=scratch, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    cython, gcc, extensions = json.loads(listed.splitlines()[-1])
    PROFILES.mkdir(exist_ok=True)
    for stale in PROFILES.glob("*.gcda"):
        stale.unlink()
    recorded = {}
    for name, source, digest in extensions:
        profile = (build_temp / source).with_suffix(".gcda")
        if profile.is_file():
            shutil.copyfile(profile, PROFILES / f"{name}.gcda")
            recorded[name] = digest
    return recorded, cython, gcc


if __name__ == "__main__":
    raise SystemExit(main())
